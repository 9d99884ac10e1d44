package dashboards

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// TestRuleSendTest: the edit page's button sends through the rule's real
// notifiers (a webhook on a loopback server), shows the outcome and leaves
// the attempts in the alert log; a failing notifier is reported as such.
func TestRuleSendTest(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	var hits atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer hook.Close()
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	for name, u := range map[string]string{"hook": hook.URL + "/s3cret", "dead": deadURL + "/s3cret"} {
		form := url.Values{"name": {name}, "kind": {"webhook"}, "enabled": {"on"}, "settings": {`{"url": "` + u + `"}`}}
		if res, body := a.post(c, "/notifiers/new", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("notifier %s: %d\n%s", name, res.StatusCode, body)
		}
	}
	var hookID, deadID string
	_ = a.db.QueryRow(t.Context(), `SELECT (SELECT id::text FROM notifiers WHERE name = 'hook'), (SELECT id::text FROM notifiers WHERE name = 'dead')`).Scan(&hookID, &deadID)
	rule := func(name, notifier string) string {
		form := url.Values{"name": {name}, "enabled": {"on"}, "scope": {"all_hosts"}, "from": {"ok"}, "to": {"critical"}, "notifiers": {notifier}}
		if res, _ := a.post(c, "/alerts/new", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("rule %s: %d", name, res.StatusCode)
		}
		var id string
		_ = a.db.QueryRow(t.Context(), `SELECT id::text FROM alert_rules WHERE name = $1`, name).Scan(&id)
		return id
	}
	good, bad := rule("good", hookID), rule("bad", deadID)
	if _, edit := a.get(c, "/alerts/"+good); !strings.Contains(edit, `action="/alerts/`+good+`/test"`) {
		t.Fatal("the edit page has no send-test button")
	}
	if _, add := a.get(c, "/alerts/new"); strings.Contains(add, "rule-test-form") {
		t.Error("the add page offers a test of a rule not saved yet")
	}
	res, body := a.post(c, "/alerts/"+good+"/test", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "alert-success") || !strings.Contains(body, "Test notification sent") || hits.Load() != 1 {
		t.Fatalf("send test: %d, %d webhook calls\n%s", res.StatusCode, hits.Load(), body)
	}
	res, body = a.post(c, "/alerts/"+bad+"/test", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "alert-danger") || !strings.Contains(body, "Test notification failed") {
		t.Fatalf("failing send test: %d\n%s", res.StatusCode, body)
	}
	if strings.Contains(body, "s3cret") {
		t.Error("the failure message shows the notifier's secret URL")
	}
	if res, _ := a.post(c, "/alerts/999999/test", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("test of a missing rule: %d", res.StatusCode)
	}
	var sent, failed int
	_ = a.db.QueryRow(t.Context(), `SELECT count(*) FILTER (WHERE outcome = 'sent'), count(*) FILTER (WHERE outcome = 'failed') FROM alert_log WHERE kind = 'test'`).Scan(&sent, &failed)
	if sent != 1 || failed != 1 {
		t.Errorf("alert log has %d sent and %d failed test attempts, want 1 and 1", sent, failed)
	}
}
