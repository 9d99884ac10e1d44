package dashboards

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/prophasis/prophasis/query"
)

// chart is one graph as a page embeds it: the echarts option, built with
// go-echarts and written with encoding/json into a
// <script type="application/json"> element that html/template escapes;
// static/js/charts.js hands it to echarts unchanged. go-echarts' own HTML
// renderer is never used: it writes options unescaped and turns "__f__"
// strings into JavaScript, so a host, plugin or series name would become
// code there. Here every name and unit stays data, drawn on a canvas.
type chart struct {
	// Tier says which data the graph reads ("hourly", "raw, averaged per
	// 5m0s"); the page prints it beside the graph's name.
	Tier   string         `json:"-"`
	Option map[string]any `json:"option"`
	// StateAxis picks the one formatter charts.js holds: the y axis is a
	// state's severity, labelled with state names. Functions never travel
	// in the JSON.
	StateAxis bool `json:"stateAxis"`
	// SVG draws with echarts' SVG renderer instead of a canvas, so that
	// labels are text in the page (diagrams; see newServiceDiagram).
	SVG bool `json:"svg,omitempty"`
}

// chartLine is one named series to draw on a graph.
type chartLine struct {
	Name   string
	Series query.Series
}

// newChart builds a graph over s's range (its tier and bucket name the
// data): for numeric views one line per entry of lines, with a min–max
// band when a single line reads rolled-up data; for state and message
// views a step line of the bands' severity. Bands other than ok are
// shaded in their state's colour behind the lines.
func newChart(title string, v query.View, s query.Series, bands []query.Band, lines ...chartLine) chart {
	c := chart{Tier: string(s.Tier), StateAxis: !v.Numeric()}
	if s.Bucket > 0 {
		c.Tier += ", averaged per " + s.Bucket.String()
	}
	top := "24"
	if len(lines) > 1 {
		top = "56"
	}
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithTitleOpts(opts.Title{Title: title, Show: opts.Bool(false)}),
		charts.WithAnimation(false),
		charts.WithGridOpts(opts.Grid{Left: "72", Right: "16", Top: top, Bottom: "64"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(lines) > 1), Type: "scroll", Top: "0"}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time", Min: s.From.UnixMilli(), Max: s.To.UnixMilli()}),
		charts.WithYAxisOpts(yAxis(v)),
		charts.WithDataZoomOpts(opts.DataZoom{Type: "inside", FilterMode: "none"}, opts.DataZoom{Type: "slider", FilterMode: "none"}),
	)
	if c.StateAxis {
		addStateLine(line, title, bands)
	} else {
		spans := len(lines) == 1 && (s.Tier != query.TierRaw || s.Bucket > 0)
		for i, l := range lines {
			addLine(line, i, l, spans)
		}
	}
	if len(line.MultiSeries) == 0 {
		line.AddSeries(title, []opts.LineData{})
	}
	line.MultiSeries[len(line.MultiSeries)-1].ConfigureSeriesOpts(shade(bands)...)
	line.Accept(chartVisitor{})
	c.Option = line.JSON()
	return c
}

// yAxis is the value axis: the view's unit and bounds (percent views come
// with 0–100), or the seven states' severities for state timelines.
func yAxis(v query.View) opts.YAxis {
	if !v.Numeric() {
		return opts.YAxis{Type: "value", Min: 0, Max: 6, MinInterval: 1, MaxInterval: 1}
	}
	y := opts.YAxis{Type: "value", Name: v.Unit, Scale: opts.Bool(v.Min == nil)}
	if v.Min != nil {
		y.Min = *v.Min
	}
	if v.Max != nil {
		y.Max = *v.Max
	}
	return y
}

// chartVisitor adds the option fields go-echarts' types lack: a rich-text
// tooltip (echarts then builds no HTML from series names at all) and a
// slim zoom slider below the grid.
type chartVisitor struct {
	charts.BaseConfigurationVisitor
}

// VisitTooltipOpt sets the tooltip's renderMode.
func (chartVisitor) VisitTooltipOpt(t opts.Tooltip) any {
	return struct {
		opts.Tooltip
		RenderMode string `json:"renderMode"`
	}{t, "richText"}
}

// VisitDataZooms sizes the slider.
func (chartVisitor) VisitDataZooms(zooms []opts.DataZoom) any {
	out := make([]any, len(zooms))
	for i, z := range zooms {
		out[i] = z
		if z.Type == "slider" {
			out[i] = struct {
				opts.DataZoom
				Height int `json:"height"`
				Bottom int `json:"bottom"`
			}{z, 20, 8}
		}
	}
	return out
}
