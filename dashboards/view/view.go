// Package view renders the web app's pages with html/template. Templates are
// embedded in the binary and parsed once when the app starts: a broken
// template stops the server at start instead of failing on a user's click.
// Each page is its own template set (layout + shared partials + the page), so
// pages can define the same block names without overwriting each other.
package view

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
)

//go:embed templates
var templates embed.FS

// AssetURLer resolves an embedded static file to its content-hashed URL.
type AssetURLer interface {
	URL(name string) (string, error)
}

// Engine holds one parsed template set per page. It is read-only after New
// and safe for concurrent use.
type Engine struct {
	pages map[string]*template.Template
}

// New parses every page under templates/pages with the layout and partials.
func New(assets AssetURLer) (*Engine, error) {
	base, err := template.New("layout.html").Funcs(funcs(assets)).
		ParseFS(templates, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("view: parse layout: %w", err)
	}
	names, err := fs.Glob(templates, "templates/pages/*.html")
	if err != nil {
		return nil, fmt.Errorf("view: list pages: %w", err)
	}
	e := &Engine{pages: make(map[string]*template.Template, len(names))}
	for _, name := range names {
		t, err := template.Must(base.Clone()).ParseFS(templates, name)
		if err != nil {
			return nil, fmt.Errorf("view: parse %s: %w", name, err)
		}
		e.pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}
	return e, nil
}

// Render writes a whole page (layout around the page's "content" block).
// The page is rendered into a buffer first so a template error never leaves
// a half-written page behind a 200 status.
func (e *Engine) Render(w io.Writer, page string, data any) error {
	return e.RenderBlock(w, page, "layout.html", data)
}

// RenderBlock renders one named block of a page's set, for htmx fragments.
func (e *Engine) RenderBlock(w io.Writer, page, block string, data any) error {
	t, ok := e.pages[page]
	if !ok {
		return fmt.Errorf("view: no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, block, data); err != nil {
		return fmt.Errorf("view: render %s/%s: %w", page, block, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// Pages lists the parsed page names, for tests that render every page.
func (e *Engine) Pages() []string {
	out := make([]string, 0, len(e.pages))
	for name := range e.pages {
		out = append(out, name)
	}
	return out
}
