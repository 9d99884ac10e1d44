package mounttest

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/prophasis/prophasis/dashboards"
	"github.com/prophasis/prophasis/internal/pgtest"
)

// TestSessionCookieCalls signs in through the login form and calls the API
// with the session cookie alone: a viewer reads but cannot write, an
// admin writes.
func TestSessionCookieCalls(t *testing.T) {
	db := pgtest.Plain(t)
	for _, u := range []struct{ name, role string }{{"ada", "admin"}, {"vic", "viewer"}} {
		if _, err := dashboards.AddUser(context.Background(), db, u.name, u.role, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
	}
	web, err := dashboards.New(dashboards.Deps{DB: db, Logger: slog.New(slog.DiscardHandler), Secret: bytes.Repeat([]byte{7}, 32)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(web.Close)
	srv := httptest.NewServer(web.Handler())
	t.Cleanup(srv.Close)
	signIn := func(name string) *http.Client {
		t.Helper()
		jar, _ := cookiejar.New(nil)
		cl := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := cl.PostForm(srv.URL+"/login", url.Values{"username": {name}, "password": {"correct horse battery"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign in %s: %d", name, res.StatusCode)
		}
		return cl
	}
	call := func(cl *http.Client, method string) int {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+"/api/v1/hosts", bytes.NewBufferString(`{"name":"h","address":"h"}`))
		res, err := cl.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	viewer, admin := signIn("vic"), signIn("ada")
	if st := call(viewer, "GET"); st != http.StatusOK {
		t.Fatalf("viewer read: %d", st)
	}
	if st := call(viewer, "POST"); st != http.StatusForbidden {
		t.Fatalf("viewer write: %d", st)
	}
	if st := call(admin, "POST"); st != http.StatusCreated {
		t.Fatalf("admin write: %d", st)
	}
	if st := call(http.DefaultClient, "GET"); st != http.StatusUnauthorized {
		t.Fatalf("no cookie: %d", st)
	}
}
