package dashboards

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/prophasis/prophasis/query"
)

// chartElement is how the report pages embed a chart.
var chartElement = template.Must(template.New("chart").Parse(`<script type="application/json" id="c">{{.}}</script>`))

// embed renders c the way a page does and returns the script element's
// text, which charts.js parses.
func embed(t testing.TB, c chart) string {
	t.Helper()
	var buf bytes.Buffer
	if err := chartElement.Execute(&buf, c); err != nil {
		t.Fatal(err)
	}
	body, ok := strings.CutPrefix(buf.String(), `<script type="application/json" id="c">`)
	body, ok2 := strings.CutSuffix(body, `</script>`)
	if !ok || !ok2 {
		t.Fatalf("not one script element: %s", buf.String())
	}
	return body
}

// hostileChart puts text in every place a page puts a name or a unit.
func hostileChart(text string) chart {
	s := testSeries(query.TierHourly, 3)
	return newChart(text, query.View{Kind: "line", Unit: text}, s, nil, chartLine{text, s})
}

// TestChartTextIsData: names and units reach the browser as JSON strings
// inside the script element, escaped so they cannot close it, never as
// go-echarts "__f__" functions; and the option itself holds no function.
func TestChartTextIsData(t *testing.T) {
	for _, text := range []string{hostile, "</script><script>window.pwned=1</script>", "__f__function(){window.pwned=1}__f__", "a\u2028b<!--"} {
		t.Run(text, func(t *testing.T) {
			body := embed(t, hostileChart(text))
			if strings.ContainsAny(body, "<>") || strings.Contains(body, "\u2028") {
				t.Fatalf("unescaped markup in the script element: %s", body)
			}
			var d decoded
			if err := json.Unmarshal([]byte(body), &d); err != nil {
				t.Fatal(err)
			}
			if at(d.Option, "title", "text") != text || at(d.Option, "yAxis", 0, "name") != text || at(d.Option, "series", 2, "name") != text {
				t.Fatalf("the text did not survive as data: title %v, axis %v, series %v",
					at(d.Option, "title"), at(d.Option, "yAxis", 0), at(d.Option, "series", 2))
			}
		})
	}
	t.Run("no functions", func(t *testing.T) {
		for _, c := range []chart{hostileChart("cpu"), newChart("raid", query.View{Kind: "state"}, testSeries(query.TierRaw, 2), nil)} {
			if b, _ := json.Marshal(c); bytes.Contains(b, []byte("__f__")) {
				t.Fatalf("option carries go-echarts functions: %s", b)
			}
		}
	})
}

// FuzzChartText: whatever a host, plugin or unit is called, the embedded
// chart stays one script element of valid JSON giving the name back.
func FuzzChartText(f *testing.F) {
	for _, s := range []string{hostile, "</script>", "__f__x__f__", "\u2028", "\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		body := embed(t, hostileChart(text))
		if strings.ContainsAny(body, "<>") {
			t.Fatalf("unescaped markup: %s", body)
		}
		var d decoded
		if err := json.Unmarshal([]byte(body), &d); err != nil {
			t.Fatal(err)
		}
		name, _ := at(d.Option, "series", 2, "name").(string) // go-echarts omits an empty name
		if utf8.ValidString(text) && name != text {
			t.Fatalf("name %q came back as %q", text, name)
		}
	})
}

// BenchmarkChart builds and embeds one graph of the most points a series
// carries (rolled up, so with its min–max band).
func BenchmarkChart(b *testing.B) {
	s := testSeries(query.TierHourly, query.MaxPoints)
	bands := []query.Band{{From: s.From, To: s.To, State: "critical"}}
	var body string
	for b.Loop() {
		body = embed(b, newChart("cpu", query.View{Kind: "percent", Unit: "%"}, s, bands, chartLine{"cpu", s}))
	}
	b.ReportMetric(float64(len(body)), "bytes/chart")
}
