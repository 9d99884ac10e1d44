package dashboards

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/prophasis/prophasis/internal/browsertest"
)

// addHostileHost adds a host whose name and description are HTML/JS
// payloads, using "test connection" (htmx) to fetch the fingerprint, then
// proves the list shows the text and nothing ran.
func addHostileHost(t *testing.T, p *browsertest.Page, base string) {
	var fp, name, title string
	var pwned bool
	p.Run(chromedp.Navigate(base+"/hosts/new"),
		chromedp.SendKeys("#f-name", payload, chromedp.ByQuery),
		chromedp.SendKeys("#f-address", "127.0.0.1", chromedp.ByQuery),
		chromedp.SendKeys("#f-description", payload, chromedp.ByQuery),
		chromedp.SendKeys("#f-agent_key", "agent-key-0123456789abcdef", chromedp.ByQuery),
		chromedp.Click("#probe", chromedp.ByQuery),
		chromedp.WaitVisible("#probe-ok", chromedp.ByQuery),
		chromedp.Value("#f-fingerprint", &fp, chromedp.ByQuery))
	if fp != strings.Repeat("e", 64) {
		t.Fatalf("test connection filled the fingerprint with %q", fp)
	}
	p.Run(chromedp.Click("#host-save", chromedp.ByQuery))
	name = textOf(p, "#hosts-table .host-name")
	p.Run(chromedp.Title(&title),
		chromedp.Evaluate(`window.pwned !== undefined`, &pwned))
	if name != payload {
		t.Errorf("host list shows %q, want the payload as text", name)
	}
	if pwned || strings.Contains(title, "pwned") {
		t.Fatalf("payload executed: window.pwned set = %v, title %q", pwned, title)
	}
	p.Run(chromedp.Navigate(base+"/audit"), chromedp.Title(&title), chromedp.Evaluate(`window.pwned !== undefined`, &pwned))
	if pwned || strings.Contains(title, "pwned") {
		t.Fatalf("payload executed on the audit page")
	}
}

// groupCycle makes "outer" contain "inner", then tries the reverse.
func groupCycle(t *testing.T, p *browsertest.Page, base string) {
	for _, name := range []string{"inner", "outer"} {
		p.Run(chromedp.Navigate(base+"/host-groups/new"),
			chromedp.SendKeys("#f-name", name, chromedp.ByQuery),
			chromedp.Click("#group-save", chromedp.ByQuery),
			chromedp.WaitVisible("#groups-table", chromedp.ByQuery))
	}
	p.Run(chromedp.Click(`//a[text()="outer"]`, chromedp.BySearch),
		chromedp.WaitVisible("#group-form", chromedp.ByQuery),
		chromedp.SendKeys(`input[placeholder="Filter groups"]`, "inn", chromedp.ByQuery),
		chromedp.Click(`//label[text()="inner"]`, chromedp.BySearch),
		chromedp.Click("#group-save", chromedp.ByQuery),
		chromedp.WaitVisible("#groups-table", chromedp.ByQuery))
	p.Run(chromedp.Click(`//a[text()="inner"]`, chromedp.BySearch),
		chromedp.WaitVisible("#group-form", chromedp.ByQuery),
		chromedp.Click(`//label[text()="outer"]`, chromedp.BySearch),
		chromedp.Click("#group-save", chromedp.ByQuery))
	msg := textOf(p, "#groups-error")
	if !strings.Contains(msg, `"outer" already contains this group`) {
		t.Fatalf("cycle message: %q", msg)
	}
}

// screenshots saves the main pages at phone and desktop width and checks
// the menu collapses behind the toggler on a phone.
func screenshots(t *testing.T, b *browsertest.Browser, a *testApp) {
	a.addUser("shot", "admin", "screenshot password")
	if res, _ := a.upload(a.signedIn("uploader", "admin"), pluginArchive(t, "1.0.0", "a plugin")); res.StatusCode != 303 {
		t.Fatalf("upload for screenshots: %d", res.StatusCode)
	}
	for _, size := range []struct {
		name string
		w, h int64
	}{{"phone", 375, 800}, {"desktop", 1280, 900}} {
		p := b.NewPage(t, size.w, size.h)
		p.Run(chromedp.Navigate(a.srv.URL + "/login"))
		p.Screenshot("login-" + size.name)
		signIn(p, a.srv.URL, "shot", "screenshot password")
		var menuHidden bool
		p.Run(chromedp.Evaluate(`getComputedStyle(document.getElementById("mainnav")).display === "none"`, &menuHidden))
		if menuHidden != (size.name == "phone") {
			t.Errorf("%s: menu hidden = %v", size.name, menuHidden)
		}
		if size.name == "phone" {
			p.Run(chromedp.Click(".navbar-toggler", chromedp.ByQuery), chromedp.WaitVisible("#nav-logout", chromedp.ByQuery))
			p.Screenshot("menu-open-phone")
		}
		for _, page := range []string{"/", "/hosts", "/hosts/new", "/host-groups", "/users", "/tokens", "/audit", "/system-log", "/plugins",
			"/plugins/com.example.load", "/plugins/com.example.load/classifier"} {
			p.Run(chromedp.Navigate(a.srv.URL+page), chromedp.WaitReady("main", chromedp.ByQuery))
			name := strings.Trim(strings.ReplaceAll(page, "/", "-"), "-")
			if name == "" {
				name = "home"
			}
			p.Screenshot(name + "-" + size.name)
		}
		var editors int
		p.Run(chromedp.Evaluate(`document.querySelectorAll(".CodeMirror").length`, &editors))
		if editors != 1 {
			t.Errorf("%s: the Lua editor did not start (%d CodeMirror instances)", size.name, editors)
		}
		if errs := p.Errors(); len(errs) > 0 {
			t.Errorf("%s pages reported errors: %q", size.name, errs)
		}
	}
}
