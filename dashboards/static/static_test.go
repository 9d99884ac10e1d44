package static_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/dashboards/static"
)

func TestServeHashedAndStale(t *testing.T) {
	a, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	url, err := a.URL("vendor/htmx/htmx.min.js")
	if err != nil {
		t.Fatal(err)
	}
	stale := strings.Replace(url, "/static/", "/static/0", 1)
	tests := []struct {
		name, path, cache, ctype string
		status                   int
	}{
		{"current hash is immutable", url, "public, max-age=31536000, immutable", "text/javascript; charset=utf-8", 200},
		{"stale hash still served uncached", stale, "no-cache", "text/javascript; charset=utf-8", 200},
		{"unknown file", "/static/abc/vendor/nope.js", "", "", 404},
		{"no hash", "/static/css", "", "", 404},
		{"traversal", "/static/x/../static.go", "", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			a.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if got := rec.Header().Get("Cache-Control"); got != tt.cache {
				t.Errorf("Cache-Control %q, want %q", got, tt.cache)
			}
			if got := rec.Header().Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type %q, want %q", got, tt.ctype)
			}
			if rec.Body.Len() < 1000 {
				t.Errorf("body only %d bytes", rec.Body.Len())
			}
		})
	}
}

func TestURLOfUnknownAssetFails(t *testing.T) {
	a, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.URL("vendor/nope.js"); err == nil {
		t.Fatal("URL of a missing asset succeeded")
	}
}
