package dashboards

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/prophasis/prophasis/query"
)

// chartStart is where the test series begin.
var chartStart = time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC)

// testSeries is n points an hour apart on tier; the last one has no value.
func testSeries(tier query.Tier, n int) query.Series {
	s := query.Series{Tier: tier, From: chartStart, To: chartStart.Add(time.Duration(n) * time.Hour)}
	for i := range n {
		p := query.Point{Time: chartStart.Add(time.Duration(i) * time.Hour)}
		if i < n-1 {
			avg, lo, hi := 50+float64(i%37), 10+float64(i%11), 90+float64(i%13)
			p.Avg, p.Min, p.Max = &avg, &lo, &hi
		}
		s.Points = append(s.Points, p)
	}
	return s
}

// decoded is a chart as charts.js receives it.
type decoded struct {
	Option    map[string]any `json:"option"`
	StateAxis bool           `json:"stateAxis"`
}

func decode(t testing.TB, c chart) decoded {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var d decoded
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return d
}

// at walks a decoded option: string keys index objects, ints arrays.
func at(v any, path ...any) any {
	for _, k := range path {
		switch k := k.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func seriesNames(d decoded) []string {
	var names []string
	for _, s := range at(d.Option, "series").([]any) {
		names = append(names, at(s, "name").(string))
	}
	return names
}

// TestChartOption checks the option go-echarts builds for each kind of
// graph the pages draw.
func TestChartOption(t *testing.T) {
	zero, hundred := 0.0, 100.0
	percent := query.View{Kind: "percent", Unit: "%", Min: &zero, Max: &hundred}
	critical := []query.Band{
		{From: chartStart, To: chartStart.Add(time.Hour), State: "ok"},
		{From: chartStart.Add(time.Hour), To: chartStart.Add(2 * time.Hour), State: "critical"},
	}
	raw, hourly := testSeries(query.TierRaw, 6), testSeries(query.TierHourly, 6)
	cases := []struct {
		name      string
		chart     chart
		tier      string
		series    []string
		stateAxis bool
		check     func(t *testing.T, d decoded)
	}{
		{"raw percent line", newChart("cpu", percent, raw, critical, chartLine{"cpu", raw}), "raw", []string{"cpu"}, false, func(t *testing.T, d decoded) {
			if at(d.Option, "yAxis", 0, "min") != 0.0 || at(d.Option, "yAxis", 0, "max") != 100.0 || at(d.Option, "yAxis", 0, "name") != "%" {
				t.Errorf("y axis %v; want 0–100 %%", at(d.Option, "yAxis", 0))
			}
			area := at(d.Option, "series", 0, "markArea", "data")
			if a, _ := area.([]any); len(a) != 1 || at(a, 0, 0, "name") != "critical" || at(a, 0, 1, "xAxis") != float64(chartStart.Add(2*time.Hour).UnixMilli()) {
				t.Errorf("mark areas %v; want the critical hour only", area)
			}
			if src := at(d.Option, "dataset", 0, "source"); at(src, "time", 5) != float64(chartStart.Add(5*time.Hour).UnixMilli()) || at(src, "avg", 5) != nil || at(src, "avg", 4) != 54.0 || at(src, "min") != nil {
				t.Errorf("dataset %v; want time and avg columns ending in a gap, no band", src)
			}
		}},
		{"raw data averaged into buckets draws the band", newChart("cpu", percent, query.Series{Tier: query.TierRaw, Bucket: 5 * time.Minute, From: raw.From, To: raw.To}, nil, chartLine{"cpu", raw}),
			"raw, averaged per 5m0s", []string{"min", "max", "cpu"}, false, nil},
		{"hourly line draws a min–max band", newChart("load", query.View{Kind: "line"}, hourly, nil, chartLine{"load", hourly}), "hourly", []string{"min", "max", "load"}, false, func(t *testing.T, d decoded) {
			lo, hi := at(d.Option, "series", 0), at(d.Option, "series", 1)
			if at(lo, "stack") == nil || at(lo, "stack") != at(hi, "stack") || at(hi, "areaStyle") == nil || at(lo, "lineStyle", "opacity") != 0.0 {
				t.Errorf("band series %v, %v; want an invisible min with a shaded spread stacked on it", lo, hi)
			}
			src := at(d.Option, "dataset", 0, "source")
			if at(src, "spread", 1) != at(src, "max", 1).(float64)-at(src, "min", 1).(float64) || at(src, "spread", 5) != nil {
				t.Errorf("dataset %v: spread is not max-min", src)
			}
			if at(d.Option, "yAxis", 0, "scale") != true || at(d.Option, "legend", "show") != false {
				t.Errorf("y axis %v, legend %v", at(d.Option, "yAxis", 0), at(d.Option, "legend"))
			}
		}},
		{"compare: one line per host, a legend, no band", newChart("cpu", query.View{Kind: "line"}, hourly, nil, chartLine{"a", hourly}, chartLine{"b", hourly}),
			"hourly", []string{"a", "b"}, false, func(t *testing.T, d decoded) {
				if at(d.Option, "legend", "show") != true || at(d.Option, "series", 1, "datasetIndex") != 1.0 || at(d.Option, "series", 0, "lineStyle", "color") == at(d.Option, "series", 1, "lineStyle", "color") {
					t.Errorf("legend %v, second series %v", at(d.Option, "legend"), at(d.Option, "series", 1))
				}
			}},
		{"state timeline", newChart("raid", query.View{Kind: "state"}, raw, critical), "raw", []string{"raid"}, true, func(t *testing.T, d decoded) {
			s := at(d.Option, "series", 0)
			if at(s, "step") != "end" || at(s, "data", 2, "value", 1) != 6.0 || at(s, "data", 1, "value", 1) != 1.0 {
				t.Errorf("state series %v; want a step line at ok (1) then critical (6)", s)
			}
			if at(d.Option, "yAxis", 0, "min") != 0.0 || at(d.Option, "yAxis", 0, "max") != 6.0 {
				t.Errorf("y axis %v; want the seven states", at(d.Option, "yAxis", 0))
			}
		}},
		{"no data yet", newChart("cpu", percent, raw, nil), "raw", []string{"cpu"}, false, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := decode(t, tc.chart)
			if tc.chart.Tier != tc.tier || d.StateAxis != tc.stateAxis || !slices.Equal(seriesNames(d), tc.series) {
				t.Fatalf("tier %q, state axis %v, series %q", tc.chart.Tier, d.StateAxis, seriesNames(d))
			}
			x := at(d.Option, "xAxis", 0)
			if at(x, "type") != "time" || at(x, "min") != float64(chartStart.UnixMilli()) || at(x, "max") != float64(chartStart.Add(6*time.Hour).UnixMilli()) {
				t.Errorf("x axis %v; want time over the range", x)
			}
			for i := range 2 {
				if at(d.Option, "dataZoom", i, "filterMode") != "none" {
					t.Errorf("dataZoom %v drops lines at the edges", at(d.Option, "dataZoom", i))
				}
			}
			if at(d.Option, "tooltip", "renderMode") != "richText" {
				t.Errorf("tooltip %v builds HTML", at(d.Option, "tooltip"))
			}
			if tc.check != nil {
				tc.check(t, d)
			}
		})
	}
}
