package dashboards

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// serviceView is a service as the list and the form show it: its
// structure with a description.
type serviceView struct {
	storage.ServiceStructure
	Description string
}

// subjectNames resolves host and host group ids to names for the list's
// nested cards.
type subjectNames struct {
	Hosts, Groups map[int64]string
}

// HostName and GroupName name an id, or say it is gone.
func (n subjectNames) HostName(id int64) string  { return nameOr(n.Hosts, id) }
func (n subjectNames) GroupName(id int64) string { return nameOr(n.Groups, id) }

func nameOr(m map[int64]string, id int64) string {
	if s, ok := m[id]; ok {
		return s
	}
	return "(deleted)"
}

// loadServices reads every service with its structure and description.
func (w *Web) loadServices(ctx context.Context) ([]serviceView, error) {
	all, err := storage.ServiceStructures(ctx, w.cfg.DB)
	if err != nil {
		return nil, err
	}
	desc, err := storage.ServiceDescriptions(ctx, w.cfg.DB)
	if err != nil {
		return nil, err
	}
	out := make([]serviceView, len(all))
	for i, s := range all {
		out[i] = serviceView{ServiceStructure: s, Description: desc[s.ID]}
	}
	slices.SortFunc(out, func(a, b serviceView) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// subjects loads every host and host group, as lists for checkboxes and
// as names by id.
func (w *Web) subjects(ctx context.Context) ([]storage.Host, []storage.HostGroup, subjectNames, error) {
	n := subjectNames{Hosts: map[int64]string{}, Groups: map[int64]string{}}
	hosts, err := storage.ListHosts(ctx, w.cfg.DB, "")
	if err != nil {
		return nil, nil, n, err
	}
	groups, err := storage.ListHostGroups(ctx, w.cfg.DB, "")
	if err != nil {
		return nil, nil, n, err
	}
	for _, h := range hosts {
		n.Hosts[h.ID] = h.Name
	}
	for _, g := range groups {
		n.Groups[g.ID] = g.Name
	}
	return hosts, groups, n, nil
}

func (w *Web) serviceList(c *gin.Context) {
	ctx := c.Request.Context()
	services, err := w.loadServices(ctx)
	if err != nil {
		w.fail(c, err)
		return
	}
	_, _, names, err := w.subjects(ctx)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "services", view.Page{Title: "Services", Nav: "services",
		Data: map[string]any{"Services": services, "Names": names}})
}
