package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const tryCode = `if result.value > 80 then return "critical", "over <80>" end
return "ok", "fine"`

// seedTryResults stores hourly results of plugin test.disk on host db1 for
// three days until the app's clock: 50, except 90 from 12 to 10 hours ago.
func seedTryResults(t *testing.T, a *testApp) {
	t.Helper()
	var host, check int64
	if err := a.db.QueryRow(t.Context(), `INSERT INTO hosts (name, address) VALUES ('db1', '127.0.0.1') RETURNING id`).Scan(&host); err != nil {
		t.Fatal(err)
	}
	if err := a.db.QueryRow(t.Context(), `INSERT INTO checks (name) VALUES ('disks') RETURNING id`).Scan(&check); err != nil {
		t.Fatal(err)
	}
	mustExec(t, a, `INSERT INTO plugins (id, name) VALUES ('test.disk', 'Disk')`)
	mustExec(t, a, `INSERT INTO check_hosts (check_id, host_id) VALUES ($1, $2)`, check, host)
	mustExec(t, a, `INSERT INTO check_plugins (check_id, plugin_id) VALUES ($1, 'test.disk')`, check)
	mustExec(t, a, `INSERT INTO results (time, host_id, plugin_id, check_id, value, message, status, exit_code, classification, severity)
		SELECT $1::timestamptz - make_interval(hours => i), $2, 'test.disk', $3, CASE WHEN i BETWEEN 10 AND 12 THEN 90 ELSE 50 END,
			'used', 'ok', 0, 'ok', 1
		FROM generate_series(0, 71) i`, a.clock.Now(), host, check)
}

// TestClassifierTry runs unsaved code on the latest stored result and
// over a window, shows the timeline summary, and writes nothing.
func TestClassifierTry(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	seedTryResults(t, a)
	count := func() (n int) {
		_ = a.db.QueryRow(t.Context(), `SELECT (SELECT count(*) FROM results) + (SELECT count(*) FROM classifiers)
			+ (SELECT count(*) FROM current_state) + (SELECT count(*) FROM state_changes)`).Scan(&n)
		return n
	}
	before := count()
	if _, page := a.get(c, "/plugins/test.disk/classifier"); !strings.Contains(page, `formaction="/plugins/test.disk/classifier/try"`) {
		t.Fatal("the classifier editor has no try buttons")
	}
	try := func(form url.Values, header http.Header) (*http.Response, string) {
		form.Set("depth", "1")
		return a.do(c, http.MethodPost, "/plugins/test.disk/classifier/try", form, header)
	}
	res, body := try(url.Values{"code": {tryCode}, "mode": {"latest"}}, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `Classified <span class="badge state-ok">ok</span> <span class="text-break">fine</span>`) {
		t.Fatalf("latest: %d\n%s", res.StatusCode, body)
	}
	if !strings.Contains(body, "return &#34;ok&#34;, &#34;fine&#34;") {
		t.Error("the editor lost the code being tried")
	}
	res, body = try(url.Values{"code": {tryCode}, "mode": {"backtest"}, "days": {"1"}, "host": {"db1"}}, http.Header{"Hx-Request": {"true"}})
	for _, want := range []string{"2 transitions", "1 would-be alerts", "1 recoveries", "over &lt;80&gt;", "critical: 3"} {
		if res.StatusCode != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("backtest (%d) lacks %q:\n%s", res.StatusCode, want, body)
		}
	}
	if strings.Contains(body, "<nav") {
		t.Error("an htmx request got the whole page")
	}
	if _, body = try(url.Values{"code": {tryCode}, "mode": {"backtest"}, "days": {"3"}}, nil); !strings.Contains(body, "72 results") {
		t.Errorf("a 3-day backtest did not replay all 72 results:\n%s", body)
	}
	for _, tc := range []struct {
		form   url.Values
		status int
		want   string
	}{
		{url.Values{"code": {"return ("}, "mode": {"latest"}}, http.StatusUnprocessableEntity, `id="code-error"`},
		{url.Values{"code": {tryCode}, "mode": {"backtest"}, "days": {"0"}}, http.StatusUnprocessableEntity, "Enter 1 to 90 days."},
		{url.Values{"code": {tryCode}, "mode": {"latest"}, "host": {"nowhere"}}, http.StatusOK, "No stored results of this plugin on host nowhere."},
	} {
		if res, body := try(tc.form, nil); res.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%v: %d, want %d with %q", tc.form, res.StatusCode, tc.status, tc.want)
		}
	}
	if after := count(); after != before {
		t.Errorf("trying wrote rows: %d before, %d after", before, after)
	}
}
