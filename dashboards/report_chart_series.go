package dashboards

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/prophasis/prophasis/query"
)

// addLine draws l as the i-th line. Its points go into a dataset of keyed
// columns (one typed array each of times, avg, min, max-min and max; null
// where a value is missing, drawn as a gap), the most compact form echarts
// reads, instead of one data item per point and series; its series read
// columns by name. With spans, a min–max band is drawn under the avg line as an
// invisible min line with the spread stacked on it.
func addLine(line *charts.Line, i int, l chartLine, spans bool) {
	colour := lineColour(i)
	n := len(l.Series.Points)
	times, avg := make([]int64, n), make([]*float64, n)
	cols := map[string]any{"time": times, "avg": avg}
	var lo, hi, width []*float64
	var widths []float64 // backs width: one allocation, not one per point
	if spans {
		lo, hi, width, widths = make([]*float64, n), make([]*float64, n), make([]*float64, n), make([]float64, n)
		cols["min"], cols["max"], cols["spread"] = lo, hi, width
	}
	for j, p := range l.Series.Points {
		times[j], avg[j] = p.Time.UnixMilli(), p.Avg
		if spans && p.Min != nil && p.Max != nil {
			widths[j] = *p.Max - *p.Min
			lo[j], hi[j], width[j] = p.Min, p.Max, &widths[j]
		}
	}
	line.AddDataset(opts.Dataset{Source: cols})
	from := charts.WithDatasetIndex(len(line.DatasetList) - 1)
	if spans {
		stacked := charts.WithLineChartOpts(opts.LineChart{Symbol: "none", ShowSymbol: opts.Bool(false), Stack: "band"})
		hidden := charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)})
		line.AddSeries("min", nil, from, stacked, hidden, charts.WithEncodeOpts(opts.Encode{X: "time", Y: "min"}))
		line.AddSeries("max", nil, from, stacked, hidden, charts.WithEncodeOpts(opts.Encode{X: "time", Y: "spread", Tooltip: "max"}),
			charts.WithAreaStyleOpts(opts.AreaStyle{Color: colour, Opacity: opts.Float(0.15)}))
	}
	line.AddSeries(l.Name, nil, from, charts.WithEncodeOpts(opts.Encode{X: "time", Y: "avg"}),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "none", ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 1.5, Color: colour}), charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}))
}

// addStateLine draws a non-numeric plugin or a service as a step line of
// its state's severity, from each band's start to its end.
func addStateLine(line *charts.Line, name string, bands []query.Band) {
	data := make([]opts.LineData, 0, 2*len(bands))
	for _, b := range bands {
		var sev any
		if n := b.State.Severity(); n >= 0 {
			sev = n
		}
		data = append(data, opts.LineData{Value: []any{b.From.UnixMilli(), sev}}, opts.LineData{Value: []any{b.To.UnixMilli(), sev}})
	}
	line.AddSeries(name, data, charts.WithLineChartOpts(opts.LineChart{Step: "end", Symbol: "none"}))
}

// shade marks each band that is not plain ok as an area in its state's
// colour, named after the state.
func shade(bands []query.Band) []charts.SeriesOpts {
	var areas [][]opts.MarkAreaData
	for _, b := range bands {
		colour := bandColour(b.State)
		if colour == "" {
			continue
		}
		areas = append(areas, []opts.MarkAreaData{
			{Name: string(b.State), XAxis: b.From.UnixMilli(), MarkAreaStyle: opts.MarkAreaStyle{ItemStyle: &opts.ItemStyle{Color: colour}}},
			{XAxis: b.To.UnixMilli()},
		})
	}
	return []charts.SeriesOpts{
		charts.WithMarkAreaData(areas...),
		charts.WithMarkAreaStyleOpts(opts.MarkAreaStyle{Label: &opts.Label{Show: opts.Bool(false)}}),
	}
}
