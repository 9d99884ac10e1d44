package dashboards

import (
	"context"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) groupList(c *gin.Context) {
	q := c.Query("q")
	groups, err := storage.ListHostGroups(c.Request.Context(), w.cfg.DB, q)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "host_groups", view.Page{Title: "Host groups", Nav: "groups",
		Data: map[string]any{"Query": q, "Groups": groups}})
}

// groupFormData is the add/edit page: every host and every other group as
// checkboxes, with the current members ticked.
type groupFormData struct {
	ID       int64
	Hosts    []storage.Host
	Groups   []storage.HostGroup
	HostIDs  []int64
	GroupIDs []int64
}

// Has reports whether id is among ids, for ticking checkboxes.
func (groupFormData) Has(ids []int64, id int64) bool { return slices.Contains(ids, id) }

func (w *Web) groupFormData(ctx context.Context, id int64, hostIDs, groupIDs []int64) (groupFormData, error) {
	hosts, err := storage.ListHosts(ctx, w.cfg.DB, "")
	if err != nil {
		return groupFormData{}, err
	}
	groups, err := storage.ListHostGroups(ctx, w.cfg.DB, "")
	if err != nil {
		return groupFormData{}, err
	}
	groups = slices.DeleteFunc(groups, func(g storage.HostGroup) bool { return g.ID == id })
	return groupFormData{ID: id, Hosts: hosts, Groups: groups, HostIDs: hostIDs, GroupIDs: groupIDs}, nil
}

func (w *Web) groupNew(c *gin.Context) {
	data, err := w.groupFormData(c.Request.Context(), 0, nil, nil)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "host_group_form", view.Page{Title: "Add a host group", Nav: "groups", Data: data})
}

func (w *Web) groupCreate(c *gin.Context) {
	w.saveGroup(c, storage.HostGroup{}, nil, nil)
}

// saveGroup validates the form and creates (before.ID == 0) or updates a
// group with its members in one transaction; a cycle is shown next to the
// member groups and nothing is saved.
func (w *Web) saveGroup(c *gin.Context, before storage.HostGroup, oldHosts, oldGroups []int64) {
	ctx := c.Request.Context()
	form := view.NewForm()
	g := storage.HostGroup{ID: before.ID, Name: text(c, form, "name", true, 100),
		Description: text(c, form, "description", false, 500)}
	hostIDs, groupIDs := ids(c, "hosts"), ids(c, "groups")
	if g.ID != 0 && slices.Contains(groupIDs, g.ID) {
		form.Errors["groups"] = "A group cannot contain itself."
	}
	title := "Add a host group"
	if g.ID != 0 {
		title = "Host group " + before.Name
	}
	data, err := w.groupFormData(ctx, g.ID, hostIDs, groupIDs)
	if err != nil {
		w.fail(c, err)
		return
	}
	page := view.Page{Title: title, Nav: "groups", Form: form, Data: data}
	err = errInvalid
	if form.Valid() {
		err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
			return w.writeGroup(ctx, tx, c, &g, before, hostIDs, groupIDs, oldHosts, oldGroups)
		})
	}
	if w.formFailed(c, err, form, page, "host_group_form") {
		return
	}
	w.flashRedirect(c, "/host-groups", "Host group "+g.Name+" saved.")
}

func (w *Web) writeGroup(ctx context.Context, tx pgx.Tx, c *gin.Context, g *storage.HostGroup, before storage.HostGroup,
	hostIDs, groupIDs, oldHosts, oldGroups []int64) error {
	action := "update"
	var err error
	if g.ID == 0 {
		action = "create"
		g.ID, err = storage.CreateHostGroup(ctx, tx, *g)
	} else {
		err = storage.UpdateHostGroup(ctx, tx, *g)
	}
	if err != nil {
		return err
	}
	if err := storage.SetHostGroupMembers(ctx, tx, g.ID, hostIDs, groupIDs); err != nil {
		return err
	}
	e := auditEntry(c, action, "host_group", g.ID)
	if before.ID != 0 {
		e.Before = map[string]any{"name": before.Name, "description": before.Description, "hosts": oldHosts, "groups": oldGroups}
	}
	e.After = map[string]any{"name": g.Name, "description": g.Description, "hosts": hostIDs, "groups": groupIDs}
	return storage.Audit(ctx, tx, e)
}
