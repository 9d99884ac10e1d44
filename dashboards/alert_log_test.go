package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// seedProblem stores a host whose only check is critical now and returns its id.
func seedProblem(t *testing.T, a *testApp, name string) int64 {
	t.Helper()
	var host, check int64
	if err := a.db.QueryRow(t.Context(), `INSERT INTO hosts (name, address) VALUES ($1, '127.0.0.1') RETURNING id`, name).Scan(&host); err != nil {
		t.Fatal(err)
	}
	if err := a.db.QueryRow(t.Context(), `INSERT INTO checks (name) VALUES ('basics') RETURNING id`).Scan(&check); err != nil {
		t.Fatal(err)
	}
	mustExec(t, a, `INSERT INTO plugins (id, name) VALUES ('test.cpu', 'CPU')`)
	mustExec(t, a, `INSERT INTO check_hosts (check_id, host_id) VALUES ($1, $2)`, check, host)
	mustExec(t, a, `INSERT INTO check_plugins (check_id, plugin_id) VALUES ($1, 'test.cpu')`, check)
	mustExec(t, a, `INSERT INTO current_state (host_id, plugin_id, check_id, time, message, status, classification, severity, since)
		VALUES ($1, 'test.cpu', $2, $3, 'hot', 'ok', 'critical', 6, $3)`, host, check, a.clock.Now())
	return host
}

func TestAlertLogFilterAndAcknowledge(t *testing.T) {
	a := newTestApp(t, nil)
	admin := a.signedIn("ann", "admin")
	viewer := a.signedIn("vic", "viewer")
	host := seedProblem(t, a, "db<b>1</b>")
	ref := alert.SubjectRef{Kind: alert.SubjectHost, ID: host}
	now := a.clock.Now()
	err := storage.AppendAlertLog(t.Context(), a.db, []alert.LogEntry{
		{At: now, RuleName: "pager", ChannelName: "mail", Subject: ref, SubjectName: "db1", Kind: alert.KindProblem,
			From: state.OK, To: state.Critical, Outcome: alert.OutcomeFailed, Reason: "smtp <refused>", Attempts: 3},
		{At: now, RuleName: "chat", Subject: ref, SubjectName: "db1", Kind: alert.KindProblem,
			From: state.OK, To: state.Critical, Outcome: alert.OutcomeMuted, Reason: "maintenance window"},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, page := a.get(viewer, "/alert-log")
	for _, want := range []string{"smtp &lt;refused&gt;", "maintenance window", "(attempt 3)", "ok → critical", "db&lt;b&gt;1&lt;/b&gt;"} {
		if res.StatusCode != http.StatusOK || !strings.Contains(page, want) {
			t.Fatalf("viewer's alert log (%d) lacks %q:\n%s", res.StatusCode, want, page)
		}
	}
	if strings.Contains(page, `action="/alert-log/ack"`) {
		t.Error("a viewer is offered the acknowledge form")
	}
	if res, _ := a.post(viewer, "/alert-log/ack", url.Values{"kind": {"host"}, "id": {itoa(host)}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer acknowledged: %d", res.StatusCode)
	}
	_, filtered := a.get(viewer, "/alert-log?rule=chat&outcome=muted")
	if !strings.Contains(filtered, "maintenance window") || strings.Contains(filtered, "smtp") {
		t.Errorf("filter rule=chat outcome=muted kept the wrong entries:\n%s", filtered)
	}
	_, none := a.get(viewer, "/alert-log?outcome=sent")
	if !strings.Contains(none, "match the filter") {
		t.Error("no 'match the filter' message for an empty result")
	}
	res, body := a.post(admin, "/alert-log/ack", url.Values{"kind": {"host"}, "id": {"999999"}, "comment": {"x"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "no problem to acknowledge") {
		t.Errorf("acknowledging a healthy subject: %d", res.StatusCode)
	}
	if res, _ := a.post(admin, "/alert-log/ack", url.Values{"kind": {"host"}, "id": {itoa(host)}, "comment": {"on it <now>"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("acknowledge: %d", res.StatusCode)
	}
	acks, err := storage.OpenAcks(t.Context(), a.db)
	if err != nil || len(acks) != 1 || acks[0].State != "critical" || acks[0].User != "ann" {
		t.Fatalf("acknowledgements %+v, %v", acks, err)
	}
	_, after := a.get(admin, "/alert-log")
	if !strings.Contains(after, "by ann at") || !strings.Contains(after, "on it &lt;now&gt;") {
		t.Errorf("acknowledgement not shown with who and comment:\n%s", after)
	}
	var audited int
	_ = a.db.QueryRow(t.Context(), `SELECT count(*) FROM audit_log WHERE action = 'acknowledge'`).Scan(&audited)
	if audited != 1 {
		t.Errorf("%d audit entries for the acknowledgement", audited)
	}
}

func TestFilterAlertLogLimit(t *testing.T) {
	entries := []storage.AlertLogEntry{{RuleName: "b", Outcome: "sent"}, {RuleName: "a", Outcome: "sent"}, {RuleName: "b", Outcome: "failed"}, {RuleName: "b", Outcome: "sent"}}
	for _, tc := range []struct {
		rule, outcome string
		limit, want   int
	}{{"", "", 10, 4}, {"b", "", 10, 3}, {"b", "sent", 10, 2}, {"", "sent", 2, 2}, {"c", "", 10, 0}} {
		got, rules := filterAlertLog(entries, tc.rule, tc.outcome, tc.limit)
		if len(got) != tc.want || strings.Join(rules, ",") != "a,b" {
			t.Errorf("filter %q %q limit %d: %d entries, rules %v; want %d", tc.rule, tc.outcome, tc.limit, len(got), rules, tc.want)
		}
	}
}
