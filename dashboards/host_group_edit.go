package dashboards

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// loadGroup fetches the :id group with its members, or answers 404.
func (w *Web) loadGroup(c *gin.Context) (storage.HostGroup, []int64, []int64, bool) {
	id, ok := pathID(c)
	g, hostIDs, groupIDs, err := storage.HostGroupByID(c.Request.Context(), w.cfg.DB, id)
	switch {
	case !ok || errors.Is(err, storage.ErrNotFound):
		w.errorPage(c, http.StatusNotFound, "Not found", "No such host group.")
		return g, nil, nil, false
	case err != nil:
		w.fail(c, err)
		return g, nil, nil, false
	}
	return g, hostIDs, groupIDs, true
}

func (w *Web) groupEdit(c *gin.Context) {
	g, hostIDs, groupIDs, ok := w.loadGroup(c)
	if !ok {
		return
	}
	data, err := w.groupFormData(c.Request.Context(), g.ID, hostIDs, groupIDs)
	if err != nil {
		w.fail(c, err)
		return
	}
	form := view.NewForm()
	form.Values["name"], form.Values["description"] = g.Name, g.Description
	w.render(c, http.StatusOK, "host_group_form", view.Page{Title: "Host group " + g.Name, Nav: "groups", Form: form, Data: data})
}

func (w *Web) groupUpdate(c *gin.Context) {
	if g, hostIDs, groupIDs, ok := w.loadGroup(c); ok {
		w.saveGroup(c, g, hostIDs, groupIDs)
	}
}

func (w *Web) groupDeleteForm(c *gin.Context) {
	if g, _, _, ok := w.loadGroup(c); ok {
		w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete host group", Nav: "groups",
			Data: deletion{Name: g.Name, Action: fmt.Sprintf("/host-groups/%d/delete", g.ID), Back: "/host-groups"}})
	}
}

func (w *Web) groupDelete(c *gin.Context) {
	if g, hostIDs, groupIDs, ok := w.loadGroup(c); ok {
		w.deleteAudited(c, "host_group", g.ID, map[string]any{"name": g.Name, "description": g.Description, "hosts": hostIDs, "groups": groupIDs}, storage.DeleteHostGroup, "/host-groups", "Host group "+g.Name+" deleted.")
	}
}
