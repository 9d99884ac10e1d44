package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

func TestAlertRuleCRUD(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	host, _ := storage.CreateHost(t.Context(), a.db, storage.Host{Name: "db1", Address: "db1", Port: 4048, Enabled: true})
	bad := url.Values{"name": {"pager"}, "scope": {"hosts"}, "from": {"ok"}}
	res, body := a.post(c, "/alerts/new", bad)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Tick at least one host") || !strings.Contains(body, "one to enter") {
		t.Fatalf("invalid rule: %d", res.StatusCode)
	}
	form := url.Values{"name": {"<i>pager</i>"}, "enabled": {"on"}, "scope": {"hosts"}, "hosts": {itoa(host)},
		"from": {"ok", "minor"}, "to": {"critical"}, "repeat": {"30"}}
	if res, _ := a.post(c, "/alerts/new", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create rule: %d", res.StatusCode)
	}
	_, list := a.get(c, "/alerts")
	if !strings.Contains(list, "&lt;i&gt;pager&lt;/i&gt;") || !strings.Contains(list, "ok, minor → critical") {
		t.Fatalf("rules list:\n%s", list)
	}
	var id string
	_ = a.db.QueryRow(t.Context(), `SELECT id::text FROM alert_rules`).Scan(&id)
	_, edit := a.get(c, "/alerts/"+id)
	for _, want := range []string{`id="h-` + itoa(host) + `" checked`, `id="to-critical" checked`, `value="30"`} {
		if !strings.Contains(edit, want) {
			t.Errorf("edit form lacks %s", want)
		}
	}
	if res, _ := a.post(c, "/alerts/"+id+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
}
