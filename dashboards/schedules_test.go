package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

func TestScheduleCRUD(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	check, _ := storage.SaveCheckConfig(t.Context(), a.db, storage.CheckConfig{Name: "load", Enabled: true}, storage.CheckMembers{})
	bad := url.Values{"name": {"often"}, "iv_id": {"0"}, "iv_start": {""}, "iv_every": {""}, "iv_unit": {"m"}}
	if res, body := a.post(c, "/schedules/new", bad); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "at least one interval") {
		t.Fatalf("no interval: %d", res.StatusCode)
	}
	form := url.Values{"name": {"often"}, "enabled": {"on"}, "checks": {itoa(check)},
		"iv_id": {"0", "0"}, "iv_start": {"2026-01-01T00:00", ""}, "iv_every": {"90", "1"}, "iv_unit": {"s", "d"}}
	if res, _ := a.post(c, "/schedules/new", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	var id string
	_ = a.db.QueryRow(t.Context(), `SELECT id::text FROM schedules`).Scan(&id)
	_, edit := a.get(c, "/schedules/"+id)
	for _, want := range []string{`value="2026-01-01T00:00"`, `value="90"`, `<option value="d" selected>days</option>`, `id="c-` + itoa(check) + `" checked`} {
		if !strings.Contains(edit, want) {
			t.Errorf("edit form lacks %s", want)
		}
	}
	_, list := a.get(c, "/schedules")
	if !strings.Contains(list, "<td>2</td><td>1</td>") {
		t.Fatalf("list does not show 2 intervals and 1 check:\n%s", list)
	}
}
