package dashboards

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) loadCheck(c *gin.Context) (storage.CheckConfig, storage.CheckMembers, bool) {
	id, ok := pathID(c)
	chk, m, err := storage.CheckConfigByID(c.Request.Context(), w.cfg.DB, id)
	switch {
	case !ok || errors.Is(err, storage.ErrNotFound):
		w.errorPage(c, http.StatusNotFound, "Not found", "No such check.")
		return chk, m, false
	case err != nil:
		w.fail(c, err)
		return chk, m, false
	}
	return chk, m, true
}

func (w *Web) checkEdit(c *gin.Context) {
	chk, m, ok := w.loadCheck(c)
	if !ok {
		return
	}
	d, err := w.checkFormData(c.Request.Context(), chk.ID, m)
	if err != nil {
		w.fail(c, err)
		return
	}
	form := view.NewForm()
	form.Values["name"], form.Values["description"] = chk.Name, chk.Description
	if chk.Enabled {
		form.Values["enabled"] = "on"
	}
	w.render(c, http.StatusOK, "check_form", view.Page{Title: "Check " + chk.Name, Nav: "checks", Form: form, Data: d})
}

func (w *Web) checkUpdate(c *gin.Context) {
	if chk, _, ok := w.loadCheck(c); ok {
		w.saveCheck(c, chk)
	}
}

func (w *Web) checkDeleteForm(c *gin.Context) {
	if chk, _, ok := w.loadCheck(c); ok {
		w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete check", Nav: "checks",
			Data: deletion{Name: chk.Name, Action: fmt.Sprintf("/checks/%d/delete", chk.ID), Back: "/checks"}})
	}
}

func (w *Web) checkDelete(c *gin.Context) {
	if chk, m, ok := w.loadCheck(c); ok {
		w.deleteAudited(c, "check", chk.ID, map[string]any{"name": chk.Name, "hosts": m.HostIDs, "groups": m.GroupIDs, "plugins": m.Plugins}, storage.DeleteCheckConfig, "/checks", "Check "+chk.Name+" deleted.")
	}
}
