package dashboards

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// serviceReport is the service page: its structure with each member's
// health, its health timeline and availability over the range.
type serviceReport struct {
	Name         string
	Row          healthRow
	Bar          rangeBar
	Members      []healthRow // direct host and host group dependencies
	Redundancy   []redundancyReport
	Diagram      serviceDiagram
	Chart        chart
	Availability []availabilityCell
}

// redundancyReport is one redundancy group: healthy while its best member is.
type redundancyReport struct {
	Row     healthRow
	Members []healthRow
}

// reportService serves GET /report/services/:id.
func (w *Web) reportService(c *gin.Context) {
	id, _ := pathID(c)
	ctx := c.Request.Context()
	structures, err := storage.ServiceStructures(ctx, w.cfg.DB)
	if err != nil {
		w.fail(c, err)
		return
	}
	i := slicesIndex(structures, id)
	if i < 0 {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such service.")
		return
	}
	r, ok := w.reportRange(c, "7d")
	if !ok {
		return
	}
	h, names, err := w.healthWithNames(c)
	if err != nil {
		w.fail(c, err)
		return
	}
	s := structures[i]
	svc := h.Services[id]
	data := serviceReport{Name: s.Name, Bar: newRangeBar(c.Request.URL.Path, r, nil)}
	data.Row = healthRow{Name: s.Name, State: h.Service(svc)}
	data.Members = memberRows(h, names, query.Members{Hosts: s.Hosts, Groups: s.Groups})
	for _, rg := range s.Redundancy {
		m := query.Members{Hosts: rg.Hosts, Groups: rg.Groups}
		data.Redundancy = append(data.Redundancy, redundancyReport{Row: badged(healthRow{Name: rg.Name, State: h.Redundancy(m)}), Members: memberRows(h, names, m)})
	}
	data.Row = badged(data.Row)
	data.Diagram = newServiceDiagram(reportDiagram(data))
	period := query.Interval{From: r.From, To: r.To}
	sub := query.Subject{Kind: "service", ID: id}
	bands, err := query.HealthBands(ctx, w.cfg.DB, sub, period)
	if err != nil {
		w.fail(c, err)
		return
	}
	data.Chart = newChart("Health of "+s.Name, query.View{Kind: "state"}, query.Series{Tier: query.TierRaw, From: r.From, To: r.To}, bands)
	data.Availability = availabilityCells(query.Summarise(period, bands, nil))
	w.render(c, http.StatusOK, "report_service", view.Page{Title: s.Name, Nav: "health", Data: data})
}

func slicesIndex(s []storage.ServiceStructure, id int64) int {
	for i := range s {
		if s[i].ID == id {
			return i
		}
	}
	return -1
}

// healthWithNames loads health and the names of hosts and groups.
func (w *Web) healthWithNames(c *gin.Context) (query.Health, map[string]string, error) {
	ctx := c.Request.Context()
	h, err := query.LoadHealth(ctx, w.cfg.DB)
	if err != nil {
		return h, nil, err
	}
	names := map[string]string{}
	hosts, err := storage.ListHosts(ctx, w.cfg.DB, "")
	if err != nil {
		return h, nil, err
	}
	for _, x := range hosts {
		names["h"+strconv.FormatInt(x.ID, 10)] = x.Name
	}
	groups, err := storage.ListHostGroups(ctx, w.cfg.DB, "")
	for _, g := range groups {
		names["g"+strconv.FormatInt(g.ID, 10)] = g.Name
	}
	return h, names, err
}

func memberRows(h query.Health, names map[string]string, m query.Members) []healthRow {
	var out []healthRow
	for _, id := range m.Hosts {
		out = append(out, badged(healthRow{ID: id, Name: names["h"+strconv.FormatInt(id, 10)], State: h.Host(id),
			URL: "/report/hosts/" + strconv.FormatInt(id, 10)}))
	}
	for _, id := range m.Groups {
		out = append(out, badged(healthRow{ID: id, Name: "group " + names["g"+strconv.FormatInt(id, 10)], State: h.Group(id),
			URL: "/?group=" + strconv.FormatInt(id, 10)}))
	}
	sortWorstFirst(out)
	return out
}

func badged(r healthRow) healthRow {
	r.Badge = stateBadge(r.State)
	return r
}
