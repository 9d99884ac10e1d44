package dashboards

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/prophasis/prophasis/internal/browsertest"
)

// payload would set window.pwned and the title if any of it ran as code.
const payload = `<script>window.pwned=1;document.title="pwned"</script>"><img src=x onerror="window.pwned=2">`

// TestBrowser drives chromium through the app: one browser for all
// scenarios, each scenario in its own browser context (own cookies).
func TestBrowser(t *testing.T) {
	b := browsertest.Start(t)
	a := newTestApp(t, fakeProber{fp: strings.Repeat("e", 64)})
	link, _, err := EnsureSetupLink(context.Background(), a.db, a.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	admin := b.NewPage(t, 1280, 900)
	t.Run("first admin setup", func(t *testing.T) {
		var welcome string
		admin.Run(chromedp.Navigate(link),
			chromedp.SendKeys("#f-username", "root", chromedp.ByQuery),
			chromedp.SendKeys("#f-password", "a long admin password", chromedp.ByQuery),
			chromedp.SendKeys("#f-confirm", "a long admin password", chromedp.ByQuery),
			chromedp.Click("#setup-submit", chromedp.ByQuery))
		welcome = textOf(admin, "#welcome")
		if !strings.Contains(welcome, "root") {
			t.Fatalf("after setup the home page says %q", welcome)
		}
	})
	t.Run("add host with hostile name", func(t *testing.T) { addHostileHost(t, admin, a.srv.URL) })
	t.Run("host group cycle refused", func(t *testing.T) { groupCycle(t, admin, a.srv.URL) })
	t.Run("viewer cannot reach configuration", func(t *testing.T) {
		a.addUser("vic", "viewer", "viewer password")
		p := b.NewPage(t, 1280, 900)
		signIn(p, a.srv.URL, "vic", "viewer password")
		var msg string
		var links int
		p.Run(chromedp.Navigate(a.srv.URL+"/hosts"), chromedp.Text("#error-message", &msg, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll('a[href="/hosts"]').length`, &links))
		if !strings.Contains(msg, "Only administrators") || links != 0 {
			t.Fatalf("viewer on /hosts: message %q, %d links to /hosts in the menu", msg, links)
		}
	})
	t.Run("repeated bad sign-ins are slowed", func(t *testing.T) {
		p := b.NewPage(t, 1280, 900)
		var msg string
		for range 6 {
			p.Run(chromedp.Navigate(a.srv.URL+"/login"),
				chromedp.SendKeys("#f-username", "root", chromedp.ByQuery),
				chromedp.SendKeys("#f-password", "guess", chromedp.ByQuery),
				chromedp.Click("#login-submit", chromedp.ByQuery))
			msg = textOf(p, "#login-error")
		}
		if !strings.Contains(msg, "Too many sign-in attempts") {
			t.Fatalf("6th bad sign-in says %q", msg)
		}
	})
	t.Run("screenshots", func(t *testing.T) { screenshots(t, b, a) })
	// The refused cycle is answered 422 on purpose; the browser logs that.
	if errs := unexpected(admin.Errors(), "422 (Unprocessable Entity) "+a.srv.URL+"/host-groups/"); len(errs) > 0 {
		t.Errorf("the admin's pages reported errors: %q", errs)
	}
}

// textOf reads an element's text on the page a form post is loading.
// While the new document replaces the old one, chromedp can find a node
// that is gone a moment later ("No node with given id"), so it retries.
func textOf(p *browsertest.Page, sel string) string {
	var s string
	for range 3 {
		if p.Try(chromedp.Text(sel, &s, chromedp.ByQuery)) == nil {
			return s
		}
	}
	p.Run(chromedp.Text(sel, &s, chromedp.ByQuery))
	return s
}

// unexpected drops the errors that contain one of the expected strings.
func unexpected(errs []string, expected ...string) []string {
	var out []string
	for _, e := range errs {
		if !slices.ContainsFunc(expected, func(x string) bool { return strings.Contains(e, x) }) {
			out = append(out, e)
		}
	}
	return out
}

func signIn(p *browsertest.Page, base, user, password string) {
	p.Run(chromedp.Navigate(base+"/login"),
		chromedp.SendKeys("#f-username", user, chromedp.ByQuery),
		chromedp.SendKeys("#f-password", password, chromedp.ByQuery),
		chromedp.Click("#login-submit", chromedp.ByQuery),
		chromedp.WaitVisible("#welcome", chromedp.ByQuery))
}
