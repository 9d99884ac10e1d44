package dashboards

import (
	"fmt"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/prophasis/prophasis/internal/browsertest"
	"github.com/prophasis/prophasis/internal/storage"
)

// TestServiceDiagramBrowser: the service editor draws the service's
// dependencies and redraws them as boxes are ticked, the service page
// draws them with each box's health, and a hostile host name is a label
// on both, never markup.
func TestServiceDiagramBrowser(t *testing.T) {
	b := browsertest.Start(t)
	a := newTestApp(t, nil)
	ctx := t.Context()
	db1, err := storage.CreateHost(ctx, a.db, storage.Host{Name: "db1", Address: "db1", Port: 4048, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	db2, _ := storage.CreateHost(ctx, a.db, storage.Host{Name: "db2", Address: "db2", Port: 4048, Enabled: true})
	bad, _ := storage.CreateHost(ctx, a.db, storage.Host{Name: hostile, Address: "web1", Port: 4048, Enabled: true})
	svc, err := storage.SaveService(ctx, a.db, 0, storage.ServiceInput{Name: "shop", Hosts: []int64{db1},
		Redundancy: []storage.RedundancyGroup{{Name: "web", Hosts: []int64{bad}}}})
	if err != nil {
		t.Fatal(err)
	}
	a.addUser("ann", "admin", "admin password")
	p := b.NewPage(t, 1280, 900)
	signIn(p, a.srv.URL, "ann", "admin password")
	labels := func() []string {
		var got []string
		p.Run(chromedp.Evaluate(`Array.from(document.querySelectorAll("#service-diagram svg text")).map(t => t.textContent)`, &got))
		return got
	}
	has := func(got []string, want ...string) bool {
		for _, w := range want {
			if !slices.Contains(got, w) {
				return false
			}
		}
		return true
	}

	p.Run(chromedp.Navigate(fmt.Sprintf("%s/services/%d", a.srv.URL, svc)), chromedp.WaitVisible("#service-diagram svg", chromedp.ByQuery))
	cut := string([]rune(hostile)[:diagramLabelMax-1]) + "…"
	if got := labels(); !has(got, "shop", "db1", "one of: web", cut) || slices.Contains(got, "db2") {
		t.Fatalf("editor diagram %q; want the saved structure, the hostile name verbatim but cut", got)
	}
	p.Run(chromedp.Click(fmt.Sprintf("#h-%d", db2), chromedp.ByQuery), chromedp.Click(fmt.Sprintf("#h-%d", db1), chromedp.ByQuery),
		chromedp.Click("#rg-remove-0", chromedp.ByQuery))
	if got := labels(); !has(got, "shop", "db2") || slices.Contains(got, "db1") || slices.Contains(got, "one of: web") {
		t.Fatalf("after ticking db2, unticking db1 and removing web: %q", got)
	}
	p.Run(chromedp.SendKeys("#rg-name-1", "spare", chromedp.ByQuery), chromedp.Click(fmt.Sprintf("#rg-1-h-%d", db1), chromedp.ByQuery),
		chromedp.Click(fmt.Sprintf("#h-%d", bad), chromedp.ByQuery))
	if got := labels(); !has(got, "one of: spare", "db1", cut) {
		t.Fatalf("after filling the blank redundancy group and ticking the hostile host: %q", got)
	}
	p.Screenshot("service-editor-1280")

	p.Run(chromedp.Navigate(fmt.Sprintf("%s/report/services/%d", a.srv.URL, svc)), chromedp.WaitVisible("#service-diagram svg", chromedp.ByQuery))
	if got := labels(); !has(got, "shop (no_data)", "db1 (no_data)", "one of: web (no_data)", cut+" (no_data)") {
		t.Fatalf("service page diagram %q; want each box with its health", got)
	}
	p.Screenshot("service-report-1280")
	phone := b.NewPage(t, 375, 800)
	signIn(phone, a.srv.URL, "ann", "admin password")
	phone.Run(chromedp.Navigate(fmt.Sprintf("%s/services/%d", a.srv.URL, svc)), chromedp.WaitVisible("#service-diagram svg", chromedp.ByQuery))
	phone.Screenshot("service-editor-375")
	var pwned bool
	p.Run(chromedp.Evaluate(`window.pwned !== undefined`, &pwned))
	if pwned {
		t.Fatal("the hostile host name ran")
	}
	if errs := append(p.Errors(), phone.Errors()...); len(errs) > 0 {
		t.Errorf("the pages reported errors: %q", errs)
	}
}
