package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

func TestMaintenanceWindow(t *testing.T) {
	a := newTestApp(t, nil) // the app's clock is 2026-11-25 12:00 UTC
	c := a.signedIn("ann", "admin")
	host, _ := storage.CreateHost(t.Context(), a.db, storage.Host{Name: "db1", Address: "db1", Port: 4048, Enabled: true})
	bad := url.Values{"name": {"patch"}, "starts_at": {"2026-11-25T13:00"}, "ends_at": {"2026-11-25T11:00"}, "hosts": {itoa(host)}}
	if res, body := a.post(c, "/maintenance/new", bad); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "after the start") {
		t.Fatalf("end before start: %d", res.StatusCode)
	}
	form := url.Values{"name": {"<b>patch</b>"}, "starts_at": {"2026-11-25T11:00"}, "ends_at": {"2026-11-25T13:00"}, "hosts": {itoa(host)}}
	if res, _ := a.post(c, "/maintenance/new", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	_, page := a.get(c, "/maintenance")
	if !strings.Contains(page, "&lt;b&gt;patch&lt;/b&gt; <span class=\"badge text-bg-warning\">active</span>") {
		t.Fatalf("the window is not listed as active:\n%s", page)
	}
	var id string
	_ = a.db.QueryRow(t.Context(), `SELECT id::text FROM maintenance_windows`).Scan(&id)
	if res, _ := a.post(c, "/maintenance/"+id+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("end now: %d", res.StatusCode)
	}
	if _, page := a.get(c, "/maintenance"); strings.Contains(page, "patch") {
		t.Fatal("ended window still listed")
	}
}
