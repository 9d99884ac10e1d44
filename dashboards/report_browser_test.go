package dashboards

import (
	"fmt"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/prophasis/prophasis/internal/browsertest"
)

// TestReportBrowser opens the report pages in chromium over seeded data:
// graphs draw, range buttons move the graph, the incident is shaded, and
// the hostile host, series name and message never run.
func TestReportBrowser(t *testing.T) {
	b := browsertest.Start(t)
	a := newTestApp(t, nil)
	f := seedReports(t, a)
	a.addUser("vera", "viewer", "viewer password")
	hostURL := fmt.Sprintf("%s/report/hosts/%d", a.srv.URL, f.host)
	p := b.NewPage(t, 1280, 900)
	signIn(p, a.srv.URL, "vera", "viewer password")

	t.Run("host page draws every graph", func(t *testing.T) {
		var canvases, charts int
		p.Run(chromedp.Navigate(hostURL+"?range=24h"), chromedp.WaitVisible("#chart-1 canvas", chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll(".report-chart canvas").length`, &canvases),
			chromedp.Evaluate(`document.querySelectorAll(".report-chart").length`, &charts))
		if charts != 2 || canvases < charts {
			t.Fatalf("%d charts, %d canvases", charts, canvases)
		}
	})
	t.Run("the incident is a critical band", func(t *testing.T) {
		var bands [][]any
		p.Run(chromedp.Evaluate(`echarts.getInstanceByDom(document.getElementById("chart-0")).getOption().series
			.flatMap(s => (s.markArea && s.markArea.data) || []).map(d => [d[0].name, d[0].xAxis, d[1].xAxis])`, &bands))
		want := []any{"critical", float64(f.incidentFrom.UnixMilli()), float64(f.incidentTo.UnixMilli())}
		if !slices.ContainsFunc(bands, func(b []any) bool { return slices.Equal(b, want) }) {
			t.Fatalf("bands %v; want one %v", bands, want)
		}
	})
	t.Run("range buttons change the URL and the graph", func(t *testing.T) {
		var before, after float64
		var search string
		p.Run(chromedp.Evaluate(`echarts.getInstanceByDom(document.getElementById("chart-0")).getOption().xAxis[0].min`, &before),
			chromedp.Click(`a[data-range="6h"]`, chromedp.ByQuery))
		// The click starts a navigation; evaluating during it can hit the
		// old document's context, so wait until the new one answers.
		for range 20 {
			if p.Try(chromedp.Poll(`location.search === "?range=6h" && document.querySelector("#chart-0 canvas") !== null`, nil)) == nil {
				break
			}
		}
		p.Run(chromedp.Evaluate(`location.search`, &search),
			chromedp.Evaluate(`echarts.getInstanceByDom(document.getElementById("chart-0")).getOption().xAxis[0].min`, &after))
		if search != "?range=6h" || after-before != float64(18*3600*1000) {
			t.Fatalf("after clicking 6h: search %q, graph starts %v ms later", search, after-before)
		}
		p.Screenshot("host-1280")
	})
	t.Run("rolled-up graph draws a min–max band, state graph names states", func(t *testing.T) {
		var names []string
		var banded bool
		var mode, label string
		p.Run(chromedp.Navigate(hostURL+"?range=7d"), chromedp.WaitVisible("#chart-1 canvas", chromedp.ByQuery),
			chromedp.Evaluate(`echarts.getInstanceByDom(document.getElementById("chart-0")).getOption().series.map(s => s.name)`, &names),
			chromedp.Evaluate(`!!echarts.getInstanceByDom(document.getElementById("chart-0")).getOption().series[1].areaStyle`, &banded),
			chromedp.Evaluate(`echarts.getInstanceByDom(document.getElementById("chart-0")).getOption().tooltip[0].renderMode`, &mode),
			chromedp.Evaluate(`echarts.getInstanceByDom(document.getElementById("chart-1")).getOption().yAxis[0].axisLabel.formatter(6)`, &label))
		if !slices.Equal(names, []string{"min", "max", "CPU " + hostile}) || !banded {
			t.Fatalf("series %q (band shaded: %v); want min, max and the plugin's name verbatim", names, banded)
		}
		if mode != "richText" || label != "critical" {
			t.Fatalf("tooltip renderMode %q, state axis label for 6 %q", mode, label)
		}
	})
	t.Run("compare and availability", func(t *testing.T) {
		var lines int
		var legend bool
		p.Run(chromedp.Navigate(a.srv.URL+"/report/compare?plugin=test.cpu&range=7d"), chromedp.WaitVisible("#chart-compare canvas", chromedp.ByQuery),
			chromedp.Evaluate(`echarts.getInstanceByDom(document.getElementById("chart-compare")).getOption().series.length`, &lines),
			chromedp.Evaluate(`echarts.getInstanceByDom(document.getElementById("chart-compare")).getOption().legend[0].show`, &legend))
		if lines != 2 || !legend {
			t.Fatalf("compare graph has %d series (legend shown: %v); want one per host (2) and a legend", lines, legend)
		}
		p.Screenshot("compare-1280")
		p.Run(chromedp.Navigate(a.srv.URL+"/report/availability?range=7d"), chromedp.WaitVisible(".availability-table", chromedp.ByQuery))
		p.Screenshot("availability-1280")
	})
	t.Run("hostile text never runs", func(t *testing.T) {
		var pwned bool
		var title string
		for _, path := range []string{"/", "/report/availability?range=24h", "/report/compare?plugin=test.cpu&range=7d", hostURL[len(a.srv.URL):]} {
			p.Run(chromedp.Navigate(a.srv.URL+path), chromedp.WaitReady("body", chromedp.ByQuery),
				chromedp.Evaluate(`window.pwned !== undefined`, &pwned), chromedp.Title(&title))
			if pwned || title == "pwned" {
				t.Fatalf("%s ran the hostile text", path)
			}
		}
	})
	t.Run("phone width", func(t *testing.T) {
		phone := b.NewPage(t, 375, 800)
		signIn(phone, a.srv.URL, "vera", "viewer password")
		phone.Screenshot("health-375")
		phone.Run(chromedp.Navigate(hostURL+"?range=7d"), chromedp.WaitVisible("#chart-1 canvas", chromedp.ByQuery))
		phone.Screenshot("host-375")
		if errs := phone.Errors(); len(errs) > 0 {
			t.Errorf("phone page errors: %q", errs)
		}
	})
	if errs := p.Errors(); len(errs) > 0 {
		t.Errorf("the pages reported errors: %q", errs)
	}
}
