// Package mounttest checks the REST API as the web app serves it, apart
// from package api's own tests so those do not depend on the web app.
package mounttest

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prophasis/prophasis/dashboards"
	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestMountedInWebApp runs the API inside the web app's handler (sessions,
// cross-origin protection, headers): tokens work from scripts, and a
// cross-site browser request cannot use the API.
func TestMountedInWebApp(t *testing.T) {
	db := pgtest.Plain(t)
	token, hash := auth.NewToken()
	if _, err := storage.CreateAPIToken(context.Background(), db, "w", "write", hash, nil); err != nil {
		t.Fatal(err)
	}
	web, err := dashboards.New(dashboards.Deps{DB: db, Logger: slog.New(slog.DiscardHandler), Secret: bytes.Repeat([]byte{7}, 32)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(web.Close)
	srv := httptest.NewServer(web.Handler())
	t.Cleanup(srv.Close)
	post := func(token string, header ...string) int {
		t.Helper()
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/hosts", bytes.NewBufferString(`{"name":"x","address":"x"}`))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if st := post(""); st != http.StatusUnauthorized {
		t.Fatalf("no token: %d", st)
	}
	if st := post(token, "Sec-Fetch-Site", "cross-site"); st != http.StatusForbidden {
		t.Fatalf("cross-site browser request: %d", st)
	}
	if st := post(token); st != http.StatusCreated {
		t.Fatalf("script with a write token: %d", st)
	}
}
