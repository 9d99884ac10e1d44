package dashboards

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// compareLines is how many hosts the compare graph draws (the top ones by
// average); the table may list more.
const compareLines, compareTop = 10, 20

// compareReport is the compare page: one plugin on many hosts.
type compareReport struct {
	Plugins []storage.Plugin
	Groups  []storage.HostGroup
	Plugin  string
	Group   int64
	Bar     rangeBar
	Top     []query.Ranked
	Chart   *chart
}

// reportCompare serves GET /report/compare?plugin=…&group=…&range=…: one
// plugin across all hosts or a group's hosts on one graph, and the hosts
// with the highest average over the range.
func (w *Web) reportCompare(c *gin.Context) {
	r, ok := w.reportRange(c, "30d")
	if !ok {
		return
	}
	ctx := c.Request.Context()
	data := compareReport{Plugin: c.Query("plugin")}
	keep := url.Values{"plugin": {data.Plugin}}
	var hostIDs []int64
	if g, err := strconv.ParseInt(c.Query("group"), 10, 64); err == nil {
		h, err := query.LoadHealth(ctx, w.cfg.DB)
		if err != nil {
			w.fail(c, err)
			return
		}
		data.Group, hostIDs = g, append([]int64{}, h.GroupHosts(g)...)
		keep.Set("group", c.Query("group"))
	}
	data.Bar = newRangeBar(c.Request.URL.Path, r, keep)
	var err error
	if data.Plugins, err = storage.ListPlugins(ctx, w.cfg.DB, ""); err == nil {
		data.Groups, err = storage.ListHostGroups(ctx, w.cfg.DB, "")
	}
	if err == nil && data.Plugin != "" {
		err = w.compareData(c, &data, hostIDs, r)
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "report_compare", view.Page{Title: "Compare", Nav: "health", Data: data})
}

func (w *Web) compareData(c *gin.Context, data *compareReport, hostIDs []int64, r reportRange) error {
	ctx := c.Request.Context()
	top, err := query.Top(ctx, w.cfg.DB, data.Plugin, hostIDs, r.From, r.To, compareTop)
	if err != nil {
		return err
	}
	data.Top = top
	tier := query.ChooseTier(r.From, r.To)
	from, to := tier.Align(r.From, r.To)
	var lines []chartLine
	for i, t := range top {
		if i == compareLines {
			break
		}
		s, err := query.LoadSeries(ctx, w.cfg.DB, query.SeriesKey{HostID: t.HostID, PluginID: data.Plugin}, r.From, r.To, tier)
		if err != nil {
			return err
		}
		lines = append(lines, chartLine{Name: t.HostName, Series: s})
	}
	ch := newChart(data.Plugin, query.View{Kind: "line"}, query.Series{Tier: tier, From: from, To: to}, nil, lines...)
	data.Chart = &ch
	return nil
}
