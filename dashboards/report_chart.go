package dashboards

import (
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

// chartData is one graph as the browser receives it: plain JSON inside a
// <script type="application/json"> element, which html/template escapes,
// read by static/js/charts.js. Names and units are data there (drawn on a
// canvas, tooltips in rich text): nothing from agents or users becomes
// markup or code, unlike go-echarts' own HTML renderer.
type chartData struct {
	Title string      `json:"title"`
	Unit  string      `json:"unit"`
	Kind  string      `json:"kind"` // line, percent, state, messages
	Min   *float64    `json:"min"`
	Max   *float64    `json:"max"`
	Tier  string      `json:"tier"`
	From  int64       `json:"from"` // ms since the epoch
	To    int64       `json:"to"`
	Lines []chartLine `json:"lines"`
	Bands []chartBand `json:"bands"`
	Spans bool        `json:"spans"` // draw min-max bands (rolled-up tiers)
}

// chartLine is one series: times in ms and avg/min/max per point (null
// where there was no value, drawn as a gap).
type chartLine struct {
	Name  string     `json:"name"`
	Times []int64    `json:"times"`
	Avg   []*float64 `json:"avg"`
	Min   []*float64 `json:"min"`
	Max   []*float64 `json:"max"`
}

// chartBand is a stretch of one classification, shaded behind the line.
type chartBand struct {
	From  int64  `json:"from"`
	To    int64  `json:"to"`
	State string `json:"state"`
}

func newChart(title string, v query.View, s query.Series, bands []query.Band) chartData {
	c := chartData{Title: title, Unit: v.Unit, Kind: v.Kind, Min: v.Min, Max: v.Max, Tier: string(s.Tier),
		From: s.From.UnixMilli(), To: s.To.UnixMilli(), Spans: s.Tier != query.TierRaw || s.Bucket > 0, Lines: []chartLine{}}
	if s.Bucket > 0 {
		c.Tier += ", averaged per " + s.Bucket.String()
	}
	for _, b := range bands {
		c.Bands = append(c.Bands, chartBand{From: b.From.UnixMilli(), To: b.To.UnixMilli(), State: string(b.State)})
	}
	return c
}

func lineOf(name string, s query.Series) chartLine {
	l := chartLine{Name: name, Times: make([]int64, len(s.Points)), Avg: make([]*float64, len(s.Points)),
		Min: make([]*float64, len(s.Points)), Max: make([]*float64, len(s.Points))}
	for i, p := range s.Points {
		l.Times[i], l.Avg[i], l.Min[i], l.Max[i] = p.Time.UnixMilli(), p.Avg, p.Min, p.Max
	}
	return l
}

// stateBadge is the Bootstrap colour of a state; the text always says
// the state too, so colour is never the only signal.
func stateBadge(s state.State) string {
	switch s {
	case state.OK:
		return "text-bg-success"
	case state.Unknown:
		return "text-bg-secondary"
	case state.Degraded:
		return "text-bg-info"
	case state.Minor:
		return "text-bg-warning"
	case state.Major, state.Critical:
		return "text-bg-danger"
	}
	return "text-bg-light"
}
