package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

// TestMaintenanceEdit extends a one-off window and re-scopes a recurring
// one through their edit forms, on PostgreSQL: the form comes filled in,
// a refused form keeps the kind and the ticks, a saved one replaces the
// window (same id, so an active window is not ended) and is audited.
func TestMaintenanceEdit(t *testing.T) {
	a := newTestApp(t, nil) // the app's clock is Wednesday 2026-11-25 12:00 UTC
	c := a.signedIn("ann", "admin")
	ctx := t.Context()
	db1, _ := storage.CreateHost(ctx, a.db, storage.Host{Name: "db1", Address: "db1", Port: 4048, Enabled: true})
	web1, _ := storage.CreateHost(ctx, a.db, storage.Host{Name: "web1", Address: "web1", Port: 4048, Enabled: true})
	once := url.Values{"name": {"patch"}, "starts_at": {"2026-11-25T11:00"}, "ends_at": {"2026-11-25T13:00"}, "hosts": {itoa(db1)}}
	if res, _ := a.post(c, "/maintenance/new", once); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	rows, _ := storage.ListMaintenanceWindowRows(ctx, a.db, 0)
	id := itoa(rows[0].ID)

	res, page := a.get(c, "/maintenance/"+id+"/edit")
	if res.StatusCode != http.StatusOK || !strings.Contains(page, `value="2026-11-25T13:00"`) ||
		!strings.Contains(page, `value="`+itoa(db1)+`" id="hosts-`+itoa(db1)+`" checked`) || strings.Contains(page, `name="days"`) {
		t.Fatalf("edit form of a one-off window not filled in (%d):\n%s", res.StatusCode, page)
	}
	bad := url.Values{"name": {"patch"}, "starts_at": {"2026-11-25T11:00"}, "ends_at": {"2026-11-25T10:00"}, "hosts": {itoa(web1)}}
	res, page = a.post(c, "/maintenance/"+id+"/edit", bad)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "after the start") ||
		!strings.Contains(page, `id="hosts-`+itoa(web1)+`" checked`) {
		t.Fatalf("refused edit: %d", res.StatusCode)
	}
	longer := url.Values{"name": {"patch <b>2</b>"}, "description": {"kernel"}, "starts_at": {"2026-11-25T11:00"},
		"ends_at": {"2026-11-25T18:00"}, "hosts": {itoa(web1)}}
	if res, _ := a.post(c, "/maintenance/"+id+"/edit", longer); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	rows, _ = storage.ListMaintenanceWindowRows(ctx, a.db, 0)
	if len(rows) != 1 || itoa(rows[0].ID) != id || rows[0].EndsAt.UTC().Hour() != 18 || rows[0].Description != "kernel" ||
		len(rows[0].Hosts) != 1 || rows[0].Hosts[0] != web1 || rows[0].Kind != "once" {
		t.Fatalf("after edit: %+v", rows)
	}
	if _, page := a.get(c, "/maintenance"); !strings.Contains(page, "patch &lt;b&gt;2&lt;/b&gt; <span class=\"badge text-bg-warning\">active</span>") {
		t.Fatal("edited window not listed as active")
	}
	var audits int
	_ = a.db.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE action = 'update' AND entity_type = 'maintenance_window'`).Scan(&audits)
	if audits != 1 {
		t.Errorf("%d update audit entries, want 1", audits)
	}

	weekly := url.Values{"name": {"nightly"}, "days": {"1"}, "from": {"22:00"}, "to": {"06:00"}, "time_zone": {"UTC"}, "hosts": {itoa(db1)}}
	if res, _ := a.post(c, "/maintenance/recurring/new", weekly); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create recurring: %d", res.StatusCode)
	}
	rows, _ = storage.ListMaintenanceWindowRows(ctx, a.db, 0)
	rid := itoa(rows[1].ID)
	if _, page := a.get(c, "/maintenance/"+rid+"/edit"); !strings.Contains(page, `id="days-1" checked`) || !strings.Contains(page, `value="22:00"`) {
		t.Fatal("edit form of a recurring window not filled in")
	}
	weekly.Set("time_zone", "Mars/Olympus")
	if res, page := a.post(c, "/maintenance/"+rid+"/edit", weekly); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "IANA") {
		t.Fatalf("bad zone: %d", res.StatusCode)
	}
	weekly.Set("time_zone", "Europe/Berlin")
	weekly["days"] = []string{"1", "5"}
	if res, _ := a.post(c, "/maintenance/"+rid+"/edit", weekly); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save recurring: %d", res.StatusCode)
	}
	if rows, _ = storage.ListMaintenanceWindowRows(ctx, a.db, rows[1].ID); rows[0].TimeZone != "Europe/Berlin" || len(rows[0].Days) != 2 || rows[0].Kind != "recurring" {
		t.Fatalf("recurring after edit: %+v", rows[0])
	}
	viewer := a.signedIn("vic", "viewer")
	if res, _ := a.get(viewer, "/maintenance/"+id+"/edit"); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer edit form: %d", res.StatusCode)
	}
	if res, _ := a.post(viewer, "/maintenance/"+id+"/edit", longer); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer save: %d", res.StatusCode)
	}
	if res, _ := a.get(c, "/maintenance/999999/edit"); res.StatusCode != http.StatusNotFound {
		t.Errorf("missing window: %d", res.StatusCode)
	}
}
