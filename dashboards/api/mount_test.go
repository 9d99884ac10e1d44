package api_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prophasis/prophasis/dashboards"
)

// TestMountedInWebApp runs the API inside the web app's handler (sessions,
// cross-origin protection, headers): tokens work from scripts, and a
// cross-site browser request cannot use the API.
func TestMountedInWebApp(t *testing.T) {
	b := setup(t, options{})
	web, err := dashboards.New(dashboards.Deps{DB: b.db, Logger: slog.New(slog.DiscardHandler), Secret: bytes.Repeat([]byte{7}, 32)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(web.Close)
	b.srv = httptest.NewServer(web.Handler())
	t.Cleanup(b.srv.Close)
	if st, body := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "w", "address": "w"}); st != 201 {
		t.Fatalf("create through the web app: %d %v", st, body)
	}
	if st, body := b.do(t, "GET", "/api/v1/hosts", "", nil); st != 401 || body["error"] == nil {
		t.Fatalf("no token through the web app: %d %v", st, body)
	}
	req, _ := http.NewRequest("POST", b.srv.URL+"/api/v1/hosts", bytes.NewBufferString(`{"name":"x","address":"x"}`))
	req.Header.Set("Authorization", "Bearer "+b.write)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := b.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site browser request: %d", res.StatusCode)
	}
}
