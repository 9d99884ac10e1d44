package dashboards

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// reportServices serves GET /health/services: every service, worst first;
// degraded (a redundancy group lost a member) has its own colour.
func (w *Web) reportServices(c *gin.Context) {
	ctx := c.Request.Context()
	h, err := query.LoadHealth(ctx, w.cfg.DB)
	if err != nil {
		w.fail(c, err)
		return
	}
	since, err := query.HealthSince(ctx, w.cfg.DB, "service")
	if err != nil {
		w.fail(c, err)
		return
	}
	var rows []healthRow
	for id, s := range h.ServiceStates() {
		rows = append(rows, healthRow{ID: id, Name: h.ServiceNames[id], URL: "/report/services/" + strconv.FormatInt(id, 10),
			State: s, Badge: stateBadge(s), Since: since[id]})
	}
	sortWorstFirst(rows)
	w.render(c, http.StatusOK, "report_list", view.Page{Title: "Service health", Nav: "health",
		Data: healthTab{Tab: "services", Rows: rows}})
}

// reportGroups serves GET /health/groups: every host group's health (its
// worst member, nested groups included), linking to its filtered hosts.
func (w *Web) reportGroups(c *gin.Context) {
	ctx := c.Request.Context()
	h, err := query.LoadHealth(ctx, w.cfg.DB)
	if err != nil {
		w.fail(c, err)
		return
	}
	groups, err := storage.ListHostGroups(ctx, w.cfg.DB, "")
	if err != nil {
		w.fail(c, err)
		return
	}
	var rows []healthRow
	for _, g := range groups {
		s := h.Group(g.ID)
		rows = append(rows, healthRow{ID: g.ID, Name: g.Name, URL: "/?group=" + strconv.FormatInt(g.ID, 10), State: s, Badge: stateBadge(s)})
	}
	sortWorstFirst(rows)
	w.render(c, http.StatusOK, "report_list", view.Page{Title: "Host group health", Nav: "health",
		Data: healthTab{Tab: "groups", Rows: rows}})
}

// healthTab is a health list under one of the health tabs.
type healthTab struct {
	Tab  string
	Rows []healthRow
}
