package browsertest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// StepTimeout bounds each Run call: a page that hangs fails the test
// instead of the whole suite.
const StepTimeout = 15 * time.Second

// Page is one tab in its own browser context (separate cookies and storage).
type Page struct {
	t      testing.TB
	ctx    context.Context
	name   string
	mu     sync.Mutex
	errors []string
}

// NewPage opens a tab of the given viewport width and height in a new
// browser context. It is closed when t ends.
func (b *Browser) NewPage(t testing.TB, width, height int64) *Page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	p := &Page{t: t, ctx: ctx, name: t.Name()}
	chromedp.ListenTarget(ctx, p.collect)
	// The first Run on a chromedp context creates the tab and ties its
	// life to that context, so it gets no deadline of its own; a watchdog
	// closes the tab instead if creation hangs.
	watchdog := time.AfterFunc(StepTimeout, cancel)
	err := chromedp.Run(ctx, log.Enable(), runtime.Enable())
	if !watchdog.Stop() || err != nil {
		t.Fatalf("browsertest: open tab: %v", err)
	}
	p.Run(chromedp.EmulateViewport(width, height))
	return p
}

// collect records console errors, uncaught exceptions and browser log
// errors (CSP violations and failed loads arrive there).
func (p *Page) collect(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.APITypeError {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
		}
		msg = "console.error: " + strings.Join(parts, " ")
	case *runtime.EventExceptionThrown:
		msg = "exception: " + ev.ExceptionDetails.Error()
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.LevelError {
			return
		}
		msg = fmt.Sprintf("%s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
	default:
		return
	}
	p.mu.Lock()
	p.errors = append(p.errors, msg)
	p.mu.Unlock()
}

// Errors returns what the page reported as errors so far.
func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// Run performs actions under StepTimeout; on failure it saves a screenshot
// named after the test and fails the test.
func (p *Page) Run(actions ...chromedp.Action) {
	p.t.Helper()
	if err := p.Try(actions...); err != nil {
		p.Screenshot("failure")
		p.t.Fatalf("browser: %v (errors reported by the page: %q)", err, p.Errors())
	}
}

// Try is Run returning the error instead of failing, for steps expected to fail.
func (p *Page) Try(actions ...chromedp.Action) error {
	ctx, cancel := context.WithTimeout(p.ctx, StepTimeout)
	defer cancel()
	return chromedp.Run(ctx, actions...)
}
