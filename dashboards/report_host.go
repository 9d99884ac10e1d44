package dashboards

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

// maxChangesShown caps the state-change table under the graphs.
const maxChangesShown = 200

// hostReport is the host page: what each plugin says now, one graph per
// plugin over the chosen range, and the state changes in that range.
type hostReport struct {
	HostID   int64
	HostName string
	Range    reportRange
	Bar      rangeBar
	Plugins  []pluginReport
	Changes  []changeRow
}

// changeRow is one line of the state-change table.
type changeRow struct {
	query.StateChange
	ValueText string
}

// pluginReport is one plugin's current state and graph.
type pluginReport struct {
	query.PluginState
	Badge     string
	ValueText string
	Chart     chart
	CSVURL    string
	Messages  []messageRow // non-numeric views: what the plugin said
}

// messageRow is one line of a non-numeric plugin's message table. Its
// fields are spelled out rather than embedding query.Message, whose field
// Message would otherwise be shadowed by the embedded struct in templates.
type messageRow struct {
	Time    time.Time
	State   state.State
	Message string
	Badge   string
}

// maxMessagesShown caps each plugin's message table.
const maxMessagesShown = 50

// reportHost serves GET /report/hosts/:id.
func (w *Web) reportHost(c *gin.Context) {
	h, ok := w.loadHost(c)
	if !ok {
		return
	}
	r, ok := w.reportRange(c, "24h")
	if !ok {
		return
	}
	ctx := c.Request.Context()
	plugins, err := query.HostPlugins(ctx, w.cfg.DB, h.ID)
	if err != nil {
		w.fail(c, err)
		return
	}
	data := hostReport{HostID: h.ID, HostName: h.Name, Range: r, Bar: newRangeBar(c.Request.URL.Path, r, nil)}
	charts, err := w.pluginCharts(c, h.ID, plugins, r)
	if err != nil {
		w.fail(c, err)
		return
	}
	for i, p := range plugins {
		csv := url.URL{Path: fmt.Sprintf("/report/hosts/%d/csv", h.ID),
			RawQuery: "plugin=" + url.QueryEscape(p.PluginID) + "&" + r.Query()}
		pr := pluginReport{PluginState: p, Badge: stateBadge(p.State), ValueText: valueText(p.Value), Chart: charts[i], CSVURL: csv.String()}
		if !p.View.Numeric() {
			if pr.Messages, err = w.messages(c, h.ID, p.PluginID, r); err != nil {
				w.fail(c, err)
				return
			}
		}
		data.Plugins = append(data.Plugins, pr)
	}
	changes, err := query.HostStateChanges(ctx, w.cfg.DB, h.ID, r.From, r.To, maxChangesShown)
	if err != nil {
		w.fail(c, err)
		return
	}
	for _, ch := range changes {
		data.Changes = append(data.Changes, changeRow{StateChange: ch, ValueText: valueText(ch.Value)})
	}
	w.render(c, http.StatusOK, "report_host", view.Page{Title: h.Name, Nav: "health", Data: data})
}

// pluginCharts builds the graph of each plugin, in order: the series of
// the numeric ones and the bands of all of them are read for the whole
// host at once (two queries per page, not two or three per graph).
func (w *Web) pluginCharts(c *gin.Context, hostID int64, plugins []query.PluginState, r reportRange) ([]chart, error) {
	ctx := c.Request.Context()
	tier := query.ChooseTier(r.From, r.To)
	from, to := tier.Align(r.From, r.To)
	var all, numeric []string
	for _, p := range plugins {
		all = append(all, p.PluginID)
		if p.View.Numeric() {
			numeric = append(numeric, p.PluginID)
		}
	}
	series, err := query.LoadHostSeries(ctx, w.cfg.DB, hostID, numeric, r.From, r.To, tier)
	if err != nil {
		return nil, err
	}
	bands, err := query.LoadHostBands(ctx, w.cfg.DB, hostID, all, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]chart, len(plugins))
	for i, p := range plugins {
		s := query.Series{Tier: tier, From: from, To: to}
		var lines []chartLine
		if p.View.Numeric() {
			s = series[p.PluginID]
			lines = []chartLine{{Name: p.Name, Series: s}}
		}
		out[i] = newChart(p.Name, p.View, s, bands[p.PluginID], lines...)
	}
	return out, nil
}

// reportRange parses the page's range, answering 400 with the reason when
// the URL holds a bad one.
func (w *Web) reportRange(c *gin.Context, def string) (reportRange, bool) {
	r, err := parseRange(c.Request.URL.Query(), w.cfg.Now(), def)
	if err != nil {
		w.errorPage(c, http.StatusBadRequest, "Bad time range", "The time range is not valid: "+err.Error())
		return reportRange{}, false
	}
	return r, true
}

// valueText formats a result's value for tables; "–" when there is none.
func valueText(v *float64) string {
	if v == nil {
		return "–"
	}
	return strconv.FormatFloat(*v, 'g', 4, 64)
}

func (w *Web) messages(c *gin.Context, hostID int64, pluginID string, r reportRange) ([]messageRow, error) {
	msgs, err := query.LoadMessages(c.Request.Context(), w.cfg.DB, query.SeriesKey{HostID: hostID, PluginID: pluginID}, r.From, r.To, maxMessagesShown)
	out := make([]messageRow, len(msgs))
	for i, m := range msgs {
		out[i] = messageRow{Time: m.Time, State: m.State, Message: m.Message, Badge: stateBadge(m.State)}
	}
	return out, err
}
