package view_test

import (
	"strings"
	"testing"

	"github.com/prophasis/prophasis/dashboards/static"
	"github.com/prophasis/prophasis/dashboards/view"
)

func newEngine(t *testing.T) *view.Engine {
	t.Helper()
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	e, err := view.New(assets)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestPagesWithoutDataRender executes the pages that need no page data with
// an empty and a signed-in layout, so a template referring to a missing
// asset or field fails here. Pages with data are rendered by the
// dashboards tests against a real database.
func TestPagesWithoutDataRender(t *testing.T) {
	e := newEngine(t)
	if len(e.Pages()) < 10 {
		t.Fatalf("only %d pages parsed", len(e.Pages()))
	}
	for _, name := range []string{"login", "setup", "password", "error"} {
		for _, acct := range []*view.Account{nil, {Username: "ann", Admin: true}} {
			var b strings.Builder
			p := view.Page{Title: name, Account: acct, Form: view.NewForm()}
			if err := e.Render(&b, name, p); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

func TestRenderEscapesUserText(t *testing.T) {
	e := newEngine(t)
	var b strings.Builder
	p := view.Page{
		Title:   `<script>alert(1)</script>`,
		Account: &view.Account{Username: `"><img src=x onerror=alert(1)>`},
		Flashes: []view.Flash{{Kind: "info", Message: "<b>hi</b>"}},
		Form:    view.NewForm(),
	}
	if err := e.Render(&b, "login", p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script>alert", "<img src=x", "<b>hi"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains unescaped %q", bad)
		}
	}
	if !strings.Contains(out, "/static/") || strings.Contains(out, "<script>\n") {
		t.Errorf("layout lacks hashed asset URLs or has an inline script:\n%s", out)
	}
}

func TestUnknownPageIsAnError(t *testing.T) {
	if err := newEngine(t).Render(&strings.Builder{}, "nope", view.Page{}); err == nil {
		t.Fatal("rendering an unknown page succeeded")
	}
}
