package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestUsersPage(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	form := url.Values{"username": {"bob"}, "role": {"viewer"}, "password": {"bobs password"}, "confirm": {"bobs password"}}
	if res, _ := a.post(c, "/users/new", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add user: %d", res.StatusCode)
	}
	if res, body := a.post(c, "/users/new", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "taken") {
		t.Fatalf("duplicate user: %d", res.StatusCode)
	}
	form.Set("role", "root")
	if res, body := a.post(c, "/users/new", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Choose admin or viewer") {
		t.Fatalf("bad role: %d", res.StatusCode)
	}
	bob := a.client()
	if res, _ := a.post(bob, "/login", url.Values{"username": {"bob"}, "password": {"bobs password"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("bob signs in: %d", res.StatusCode)
	}
	if res, _ := a.get(bob, "/users"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("viewer bob on /users: %d", res.StatusCode)
	}
	var bobID string
	_ = a.db.QueryRow(t.Context(), `SELECT id::text FROM users WHERE username = 'bob'`).Scan(&bobID)
	if res, _ := a.post(c, "/users/"+bobID, url.Values{"role": {"admin"}, "password": {"new bob password"}, "confirm": {"new bob password"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("promote and reset bob: %d", res.StatusCode)
	}
	if res, _ := a.get(bob, "/users"); res.StatusCode != http.StatusOK {
		t.Fatalf("role change not effective on bob's open session: %d", res.StatusCode)
	}
	if res, _ := a.post(a.client(), "/login", url.Values{"username": {"bob"}, "password": {"new bob password"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("bob with reset password: %d", res.StatusCode)
	}
}

func TestLastAdminCannotBeDemoted(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	var id string
	_ = a.db.QueryRow(t.Context(), `SELECT id::text FROM users WHERE username = 'ann'`).Scan(&id)
	for _, form := range []url.Values{{"role": {"viewer"}}, {"role": {"admin"}, "disabled": {"on"}}} {
		res, body := a.post(c, "/users/"+id, form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "last enabled administrator") {
			t.Fatalf("%v: %d", form, res.StatusCode)
		}
	}
}

func TestChangeOwnPassword(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("vic", "viewer")
	res, body := a.post(c, "/account/password", url.Values{"current": {"wrong"}, "password": {"a new password"}, "confirm": {"a new password"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "not your current password") {
		t.Fatalf("wrong current password: %d", res.StatusCode)
	}
	res, _ = a.post(c, "/account/password", url.Values{"current": {"password-vic"}, "password": {"a new password"}, "confirm": {"a new password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", res.StatusCode)
	}
	if res, _ := a.post(a.client(), "/login", url.Values{"username": {"vic"}, "password": {"a new password"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in with new password: %d", res.StatusCode)
	}
}
