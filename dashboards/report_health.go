package dashboards

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// healthRow is one host, group or service in a health list.
type healthRow struct {
	ID    int64
	Name  string
	URL   string
	State state.State
	Badge string
	Since time.Time // zero when no change was ever logged
}

// healthList is the host health page: worst first, filterable.
type healthList struct {
	Rows   []healthRow
	Groups []storage.HostGroup
	States []state.State
	Group  int64
	State  string
}

// reportHealth serves GET /, the host health overview every user lands
// on. It reloads itself every minute with a meta refresh (no script, so
// the Content-Security-Policy stays strict).
func (w *Web) reportHealth(c *gin.Context) {
	ctx := c.Request.Context()
	h, err := query.LoadHealth(ctx, w.cfg.DB)
	if err != nil {
		w.fail(c, err)
		return
	}
	hosts, err := storage.ListHosts(ctx, w.cfg.DB, "")
	if err != nil {
		w.fail(c, err)
		return
	}
	since, err := query.HealthSince(ctx, w.cfg.DB, "host")
	if err != nil {
		w.fail(c, err)
		return
	}
	data := healthList{States: state.All, State: c.Query("state")}
	if data.Groups, err = storage.ListHostGroups(ctx, w.cfg.DB, ""); err != nil {
		w.fail(c, err)
		return
	}
	var members []int64
	if g, err := strconv.ParseInt(c.Query("group"), 10, 64); err == nil {
		data.Group, members = g, h.GroupHosts(g)
	}
	for _, host := range hosts {
		s := h.Host(host.ID)
		if (data.Group != 0 && !slices.Contains(members, host.ID)) || (data.State != "" && string(s) != data.State) {
			continue
		}
		data.Rows = append(data.Rows, healthRow{ID: host.ID, Name: host.Name, URL: "/report/hosts/" + strconv.FormatInt(host.ID, 10),
			State: s, Badge: stateBadge(s), Since: since[host.ID]})
	}
	sortWorstFirst(data.Rows)
	w.render(c, http.StatusOK, "report_health", view.Page{Title: "Host health", Nav: "health", Data: data})
}

// sortWorstFirst orders rows by severity, most severe first, then by name.
func sortWorstFirst(rows []healthRow) {
	slices.SortStableFunc(rows, func(a, b healthRow) int {
		if d := b.State.Severity() - a.State.Severity(); d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
}
