package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestCrossOriginPostRefused: a form posted from another site (as a browser
// would label it) is refused before it reaches any handler, even with a
// valid session cookie; the same request from our own origin works.
func TestCrossOriginPostRefused(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	form := url.Values{"name": {"evil"}}
	for _, tt := range []struct {
		name   string
		header http.Header
		want   int
	}{
		{"cross-site fetch metadata", http.Header{"Sec-Fetch-Site": {"cross-site"}}, http.StatusForbidden},
		{"foreign origin", http.Header{"Origin": {"https://evil.example"}}, http.StatusForbidden},
		{"same origin", http.Header{"Sec-Fetch-Site": {"same-origin"}, "Origin": {a.srv.URL}}, http.StatusSeeOther},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := a.do(c, http.MethodPost, "/host-groups/new", form, tt.header)
			if res.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.want)
			}
		})
	}
	var n int
	if err := a.db.QueryRow(t.Context(), `SELECT count(*) FROM host_groups`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("host groups after two refused posts and one accepted: %d, %v", n, err)
	}
}

func TestSecurityHeaders(t *testing.T) {
	a := newTestApp(t, nil)
	res, body := a.get(a.client(), "/login")
	want := map[string]string{
		"X-Frame-Options":        "DENY",
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "same-origin",
		"Cache-Control":          "no-store",
	}
	for k, v := range want {
		if got := res.Header.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, part := range []string{"script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, part) {
			t.Errorf("CSP %q lacks %q", csp, part)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP allows inline or eval: %q", csp)
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, " on") && strings.Contains(body, "onclick=") {
		t.Error("page has an inline script or handler, which the CSP would block")
	}
}

func TestViewerCannotReachConfiguration(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("vic", "viewer")
	if res, _ := a.get(c, "/"); res.StatusCode != http.StatusOK {
		t.Fatalf("viewer home: %d", res.StatusCode)
	}
	for _, path := range []string{"/hosts", "/hosts/new", "/host-groups", "/users", "/tokens", "/audit", "/plugins", "/system-log", "/checks", "/schedules", "/alerts", "/notifiers", "/maintenance"} {
		if res, _ := a.get(c, path); res.StatusCode != http.StatusForbidden {
			t.Errorf("viewer GET %s: %d, want 403", path, res.StatusCode)
		}
	}
	res, _ := a.post(c, "/hosts/new", url.Values{"name": {"x"}, "address": {"x"}, "port": {"1"}, "agent_key": {"k"}})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer POST /hosts/new: %d, want 403", res.StatusCode)
	}
}
