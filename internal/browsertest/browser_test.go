package browsertest_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/prophasis/prophasis/internal/browsertest"
)

const page = `<!doctype html><title>t</title><p id="p">hello</p>
<script>console.error("boom"); document.getElementById("p").textContent = "ran";</script>`

// TestHarness: a page loads, its script runs, console errors are
// collected and a screenshot lands in the artifacts directory.
func TestHarness(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(page))
	}))
	defer srv.Close()
	t.Setenv("PROPHASIS_ARTIFACTS", t.TempDir())
	b := browsertest.Start(t)
	p := b.NewPage(t, 375, 700)
	var text string
	p.Run(chromedp.Navigate(srv.URL), chromedp.Text("#p", &text))
	if text != "ran" {
		t.Fatalf("script did not run: %q", text)
	}
	if errs := p.Errors(); len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), "boom") {
		t.Fatalf("console error not collected: %q", errs)
	}
	path := p.Screenshot("phone")
	if st, err := os.Stat(path); err != nil || st.Size() < 100 {
		t.Fatalf("screenshot %q: %v", path, err)
	}
	if err := p.Try(chromedp.Navigate("http://127.0.0.1:1/")); err == nil {
		t.Fatal("navigating to a closed port succeeded")
	}
}
