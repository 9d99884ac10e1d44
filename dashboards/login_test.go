package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestSignInAndOut(t *testing.T) {
	a := newTestApp(t, nil)
	a.addUser("ann", "admin", "correct horse battery")
	c := a.client()
	if res, _ := a.get(c, "/hosts"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next=%2Fhosts" {
		t.Fatalf("anonymous /hosts: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	res, body := a.post(c, "/login", url.Values{"username": {"ann"}, "password": {"wrong password"}})
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Wrong username or password") {
		t.Fatalf("wrong password: %d", res.StatusCode)
	}
	res, _ = a.post(c, "/login", url.Values{"username": {"ann"}, "password": {"correct horse battery"}, "next": {"/hosts"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/hosts" {
		t.Fatalf("sign-in: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	cookie := res.Header.Get("Set-Cookie")
	for _, attr := range []string{"prophasis_session=", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(cookie, attr) {
			t.Errorf("session cookie %q lacks %s", cookie, attr)
		}
	}
	if res, _ := a.get(c, "/hosts"); res.StatusCode != http.StatusOK {
		t.Fatalf("/hosts after sign-in: %d", res.StatusCode)
	}
	if res, _ := a.get(c, "/logout"); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET /logout must not sign out: %d", res.StatusCode)
	}
	a.post(c, "/logout", nil)
	if res, _ := a.get(c, "/hosts"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("/hosts after sign-out: %d", res.StatusCode)
	}
}

// TestSignInRenewsSessionToken: every sign-in gets a new session token and
// the old one stops working, so a planted (fixated) token is useless.
func TestSignInRenewsSessionToken(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	u, _ := url.Parse(a.srv.URL)
	before := c.Jar.Cookies(u)
	a.post(c, "/login", url.Values{"username": {"ann"}, "password": {"password-ann"}})
	after := c.Jar.Cookies(u)
	if len(before) != 1 || len(after) != 1 || before[0].Value == after[0].Value {
		t.Fatalf("session token not renewed on sign-in: before %v after %v", before, after)
	}
	old := a.client()
	old.Jar.SetCookies(u, before)
	if res, _ := a.get(old, "/"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the pre-sign-in token still opens pages: %d", res.StatusCode)
	}
}

func TestDisabledUserCannotSignIn(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("bob", "viewer")
	if _, err := a.db.Exec(t.Context(), `UPDATE users SET disabled = true WHERE username = 'bob'`); err != nil {
		t.Fatal(err)
	}
	if res, _ := a.get(c, "/"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("disabled user's existing session still works: %d", res.StatusCode)
	}
	res, _ := a.post(c, "/login", url.Values{"username": {"bob"}, "password": {"password-bob"}})
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("disabled user signed in: %d", res.StatusCode)
	}
}

// TestBruteForceIsSlowed: after the burst allowed per username, attempts
// are refused with 429 and Retry-After even with the right password, until
// the limiter refills.
func TestBruteForceIsSlowed(t *testing.T) {
	a := newTestApp(t, nil)
	a.addUser("ann", "admin", "correct horse battery")
	c := a.client()
	for i := range 5 {
		if res, _ := a.post(c, "/login", url.Values{"username": {"ann"}, "password": {"guess"}}); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, res.StatusCode)
		}
	}
	res, body := a.post(c, "/login", url.Values{"username": {"ann"}, "password": {"correct horse battery"}})
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || !strings.Contains(body, "Too many sign-in attempts") {
		t.Fatalf("6th attempt: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	a.clock.Add(10 * time.Second)
	if res, _ := a.post(c, "/login", url.Values{"username": {"ann"}, "password": {"correct horse battery"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("after waiting: %d", res.StatusCode)
	}
}

func TestNextMustBeLocal(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/hosts?q=a", "/hosts?q=a"}, {"//evil.example/", "/"}, {"https://evil.example", "/"},
		{`/\evil.example`, "/"}, {"", "/"}, {"hosts", "/"},
	} {
		if got := localPath(tt.in); got != tt.want {
			t.Errorf("localPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
