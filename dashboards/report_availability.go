package dashboards

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// availabilityCell is the share of counted time spent in one state.
type availabilityCell struct {
	State   state.State
	Badge   string
	Percent string
	Time    time.Duration
}

// availabilityRow is one host or service in the availability report.
type availabilityRow struct {
	Name, URL string
	OK        string // percent of counted time ok, the headline figure
	Excluded  time.Duration
	Cells     []availabilityCell
}

// availabilityReport is the availability page.
type availabilityReport struct {
	Bar      rangeBar
	Hosts    []availabilityRow
	Services []availabilityRow
}

// reportAvailability serves GET /report/availability: per host and per
// service, the share of time in each state over the range, from the health
// log, with maintenance windows left out.
func (w *Web) reportAvailability(c *gin.Context) {
	r, ok := w.reportRange(c, "30d")
	if !ok {
		return
	}
	ctx := c.Request.Context()
	period := query.Interval{From: r.From, To: r.To}
	data := availabilityReport{Bar: newRangeBar(c.Request.URL.Path, r, nil)}
	hosts, err := storage.ListHosts(ctx, w.cfg.DB, "")
	if err != nil {
		w.fail(c, err)
		return
	}
	for _, h := range hosts {
		a, err := query.LoadAvailability(ctx, w.cfg.DB, query.Subject{Kind: "host", ID: h.ID}, period)
		if err != nil {
			w.fail(c, err)
			return
		}
		data.Hosts = append(data.Hosts, availabilityRowOf(h.Name, "/report/hosts/"+strconv.FormatInt(h.ID, 10), a))
	}
	services, err := storage.ServiceStructures(ctx, w.cfg.DB)
	if err != nil {
		w.fail(c, err)
		return
	}
	for _, s := range services {
		a, err := query.LoadAvailability(ctx, w.cfg.DB, query.Subject{Kind: "service", ID: s.ID}, period)
		if err != nil {
			w.fail(c, err)
			return
		}
		data.Services = append(data.Services, availabilityRowOf(s.Name, "/report/services/"+strconv.FormatInt(s.ID, 10), a))
	}
	w.render(c, http.StatusOK, "report_availability", view.Page{Title: "Availability", Nav: "health", Data: data})
}

func availabilityRowOf(name, url string, a query.Availability) availabilityRow {
	return availabilityRow{Name: name, URL: url, OK: percent(a.Percent(state.OK)), Excluded: a.Excluded, Cells: availabilityCells(a)}
}

// availabilityCells lists the states the subject was in, best first.
func availabilityCells(a query.Availability) []availabilityCell {
	var out []availabilityCell
	for _, s := range state.All {
		if d, ok := a.In[s]; ok {
			out = append(out, availabilityCell{State: s, Badge: stateBadge(s), Percent: percent(a.Percent(s)), Time: d.Round(time.Second)})
		}
	}
	return out
}

func percent(p float64) string { return strconv.FormatFloat(p, 'f', 3, 64) + " %" }
