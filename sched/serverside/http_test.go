package serverside

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prophasis/prophasis/agent/perfdata"
	"github.com/prophasis/prophasis/sched"
)

func site(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/broken":
		http.Error(w, "database unavailable", http.StatusInternalServerError)
	case "/moved":
		http.Redirect(w, r, "/broken", http.StatusMovedPermanently)
	case "/hang":
		<-r.Context().Done()
	case "/chatty":
		w.Header().Set("Server", strings.Repeat("x", 30<<10))
		w.WriteHeader(599)
		_, _ = w.Write([]byte(strings.Repeat("é", 3000)))
	default:
		_, _ = w.Write([]byte("<h1>status: all good</h1>"))
	}
}

func TestHTTPCheck(t *testing.T) {
	ca := newTestCA(t)
	now := time.Now()
	valid := tlsServer(t, ca.leaf(t, now.Add(-day), now.Add(90*day)), http.HandlerFunc(site))
	soon := tlsServer(t, ca.leaf(t, now.Add(-day), now.Add(10*day+time.Hour)), http.HandlerFunc(site))
	expired := tlsServer(t, ca.leaf(t, now.Add(-30*day), now.Add(-2*day-time.Hour)), http.HandlerFunc(site))
	plain := httptest.NewServer(http.HandlerFunc(site))
	defer plain.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	tests := []struct {
		name       string
		args       map[string]string
		roots      bool
		wantStatus sched.Status
		wantExit   int
		wantMsg    string
		wantDays   float64 // checked when non-zero
	}{
		{name: "https ok with body match", args: map[string]string{"url": valid.URL, "body_match": `status: all \w+`}, roots: true, wantExit: 0, wantMsg: "HTTP 200 OK", wantDays: 89},
		{name: "plain http ok", args: map[string]string{"url": plain.URL}, wantExit: 0, wantMsg: "HTTP 200 OK"},
		{name: "unexpected status", args: map[string]string{"url": plain.URL + "/broken"}, wantExit: 2, wantMsg: "expected 200-399"},
		{name: "expected status list", args: map[string]string{"url": plain.URL + "/broken", "expect_status": "200, 500-503"}, wantExit: 0, wantMsg: "HTTP 500"},
		{name: "redirect reported, not followed", args: map[string]string{"url": plain.URL + "/moved"}, wantExit: 0, wantMsg: "HTTP 301"},
		{name: "long answers keep the message bounded", args: map[string]string{"url": plain.URL + "/chatty", "body_match": strings.Repeat("é", 3000) + "x"}, wantExit: 2, wantMsg: "HTTP 599"},
		{name: "body mismatch", args: map[string]string{"url": plain.URL, "body_match": "maintenance"}, wantExit: 2, wantMsg: `body does not match "maintenance"`},
		{name: "certificate expiring soon warns", args: map[string]string{"url": soon.URL}, roots: true, wantExit: 1, wantMsg: "valid for 10 more days", wantDays: 10},
		{name: "expired certificate", args: map[string]string{"url": expired.URL}, roots: true, wantExit: 2, wantMsg: "expired 2 days ago", wantDays: -2},
		{name: "untrusted certificate", args: map[string]string{"url": valid.URL}, wantExit: 2, wantMsg: "unknown authority"},
		{name: "connection refused", args: map[string]string{"url": closed.URL}, wantExit: 2, wantMsg: "connection refused"},
		{name: "bad url", args: map[string]string{"url": "file:///etc/passwd"}, wantStatus: sched.StatusPluginError, wantExit: 3, wantMsg: "argument url"},
		{name: "bad regexp", args: map[string]string{"url": plain.URL, "body_match": "("}, wantStatus: sched.StatusPluginError, wantExit: 3, wantMsg: "body_match"},
		{name: "bad status list", args: map[string]string{"url": plain.URL, "expect_status": "2xx"}, wantStatus: sched.StatusPluginError, wantExit: 3, wantMsg: "expect_status"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{}
			if tc.roots {
				cfg.RootCAs = ca.pool
			}
			res := New(cfg, sched.System{}).Run(context.Background(), sched.Job{PluginID: HTTP, Args: tc.args})
			checkResult(t, res, tc.wantStatus, tc.wantExit, tc.wantMsg)
			if len(res.Message) > maxMessage+len(" …") || !utf8.ValidString(res.Message) {
				t.Errorf("message of %d bytes, valid UTF-8 %v", len(res.Message), utf8.ValidString(res.Message))
			}
			if tc.wantDays != 0 {
				p, ok := perfdata.Find(res.Perfdata, "cert_days")
				if !ok || *p.Value != tc.wantDays {
					t.Errorf("cert_days = %+v, want %v", p, tc.wantDays)
				}
			}
		})
	}
}

func TestHTTPCheckDeadline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(site))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	res := New(Config{}, sched.System{}).Run(ctx, sched.Job{PluginID: HTTP, Args: map[string]string{"url": srv.URL + "/hang"}})
	checkResult(t, res, sched.StatusOK, 2, "before the check's deadline")
}

// checkResult compares the parts of a result every check test cares about.
func checkResult(t *testing.T, res sched.Result, status sched.Status, exit int, msg string) {
	t.Helper()
	if status == "" {
		status = sched.StatusOK
	}
	if res.Status != status || res.ExitCode != exit || !strings.Contains(res.Message, msg) {
		t.Errorf("result = %s exit %d %q, want %s exit %d containing %q", res.Status, res.ExitCode, res.Message, status, exit, msg)
	}
	if res.Time.IsZero() {
		t.Error("result has no time")
	}
	if res.Status == sched.StatusOK && res.ExitCode == 0 && (res.Value == nil || *res.Value <= 0) {
		t.Errorf("successful check without latency: %+v", res)
	}
}

func FuzzParseStatusSet(f *testing.F) {
	for _, s := range []string{"200", "200-299,301", " 200 , 500-503", "2xx", "-", "599-100", ",,", "100-599"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		set, err := parseStatusSet(spec)
		if err != nil {
			return
		}
		again, err := parseStatusSet(set.String())
		if err != nil || again.String() != set.String() {
			t.Fatalf("%q → %q does not round-trip: %v", spec, set, err)
		}
		for _, r := range set {
			if r.lo < 100 || r.hi > 599 || r.lo > r.hi || !set.contains(r.lo) {
				t.Fatalf("%q gave bad range %+v", spec, r)
			}
		}
	})
}
