package dashboards

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestFirstAdminSetup(t *testing.T) {
	a := newTestApp(t, nil)
	ctx := context.Background()
	link, created, err := EnsureSetupLink(ctx, a.db, a.srv.URL+"/")
	if err != nil || !created || !strings.HasPrefix(link, a.srv.URL+"/setup?token=") {
		t.Fatalf("EnsureSetupLink = %q, %v, %v", link, created, err)
	}
	path := strings.TrimPrefix(link, a.srv.URL)
	token, _ := url.ParseQuery(strings.SplitN(path, "?", 2)[1])
	c := a.client()
	if res, _ := a.get(c, "/setup?token=wrong"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("wrong token: %d", res.StatusCode)
	}
	if res, body := a.get(c, path); res.StatusCode != http.StatusOK || !strings.Contains(body, "first administrator") {
		t.Fatalf("setup form: %d", res.StatusCode)
	}
	form := url.Values{"token": token["token"], "username": {"root"}, "password": {"short"}, "confirm": {"short"}}
	if res, body := a.post(c, "/setup", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "at least 10") {
		t.Fatalf("short password: %d", res.StatusCode)
	}
	form["password"], form["confirm"] = []string{"long enough pw"}, []string{"long enough pw"}
	if res, _ := a.post(c, "/setup", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("setup: %d", res.StatusCode)
	}
	if res, body := a.get(c, "/"); res.StatusCode != http.StatusOK || !strings.Contains(body, "Welcome, root") {
		t.Fatalf("signed in after setup: %d", res.StatusCode)
	}
	form["username"] = []string{"second"}
	if res, _ := a.post(a.client(), "/setup", form); res.StatusCode != http.StatusNotFound {
		t.Fatalf("token reused: %d", res.StatusCode)
	}
	if _, created, _ := EnsureSetupLink(ctx, a.db, a.srv.URL); created {
		t.Fatal("a setup link was made although an admin exists")
	}
	var n int
	_ = a.db.QueryRow(ctx, `SELECT count(*) FROM users WHERE role = 'admin'`).Scan(&n)
	if n != 1 {
		t.Fatalf("%d admins after setup", n)
	}
}

func TestNewSetupLinkReplacesOld(t *testing.T) {
	a := newTestApp(t, nil)
	old, _, _ := EnsureSetupLink(context.Background(), a.db, a.srv.URL)
	if _, _, err := EnsureSetupLink(context.Background(), a.db, a.srv.URL); err != nil {
		t.Fatal(err)
	}
	if res, _ := a.get(a.client(), strings.TrimPrefix(old, a.srv.URL)); res.StatusCode != http.StatusNotFound {
		t.Fatalf("old link after restart: %d", res.StatusCode)
	}
}
