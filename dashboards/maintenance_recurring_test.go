package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

// TestRecurringMaintenance adds a recurring window scoped to a host and a
// group on PostgreSQL, checks each validation message next to its field,
// the list entry, and deletion through the confirmation page.
func TestRecurringMaintenance(t *testing.T) {
	a := newTestApp(t, nil) // the app's clock is Wednesday 2026-11-25 12:00 UTC
	c := a.signedIn("ann", "admin")
	ctx := t.Context()
	host, _ := storage.CreateHost(ctx, a.db, storage.Host{Name: "<i>db1</i>", Address: "db1", Port: 4048, Enabled: true})
	group, _ := storage.CreateHostGroup(ctx, a.db, storage.HostGroup{Name: "web"})
	good := url.Values{"name": {"<b>nightly</b>"}, "days": {"3", "1", "3"}, "from": {"11:00"}, "to": {"13:30"},
		"time_zone": {"Europe/Berlin"}, "hosts": {itoa(host)}, "groups": {itoa(group)}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for key, vals := range good {
			f[key] = vals
		}
		if v == "" {
			f.Del(k)
		} else {
			f.Set(k, v)
		}
		return f
	}
	for _, tc := range []struct {
		form  url.Values
		field string
		want  string
	}{
		{with("time_zone", "Mars/Olympus"), `id="e-time_zone"`, "IANA time zone"},
		{with("time_zone", "Local"), `id="e-time_zone"`, "IANA time zone"},
		// Go's zoneinfo has right/UTC, PostgreSQL's zone list does not: the
		// database's refusal is a field error too, not a 500.
		{with("time_zone", "right/UTC"), `id="e-time_zone"`, "time zone"},
		{with("to", "11:00"), `id="e-to"`, "must differ"},
		{with("time_zone", ""), `id="e-time_zone"`, "Required."},
		{with("from", "25:00"), `id="e-from"`, "time of day"},
		{with("to", ""), `id="e-to"`, "Required."},
		{with("days", "9"), `id="days-error"`, "at least one day"},
		{url.Values{"name": {"x"}, "days": {"1"}, "from": {"01:00"}, "to": {"02:00"}, "time_zone": {"UTC"}}, `id="scope-error"`, "Tick the hosts"},
	} {
		res, body := a.post(c, "/maintenance/recurring/new", tc.form)
		i := strings.Index(body, tc.field)
		if res.StatusCode != http.StatusUnprocessableEntity || i < 0 || !strings.Contains(body[i:], tc.want) {
			t.Errorf("form %v: status %d, want 422 with %q at %s", tc.form, res.StatusCode, tc.want, tc.field)
		} else if !strings.Contains(body, `value="`+itoa(host)+`" id="hosts-`+itoa(host)+`" checked`) && tc.form.Has("hosts") {
			t.Errorf("form %v: ticked host not kept on re-render", tc.form)
		}
	}
	if res, _ := a.post(c, "/maintenance/recurring/new", good); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	rows, err := storage.ListMaintenanceWindowRows(ctx, a.db, 0)
	if err != nil || len(rows) != 1 || rows[0].Kind != "recurring" || rows[0].TimeZone != "Europe/Berlin" ||
		len(rows[0].Days) != 2 || rows[0].StartTime != "11:00" || len(rows[0].HostGroups) != 1 {
		t.Fatalf("stored %+v, %v", rows, err)
	}
	id := itoa(rows[0].ID)
	_, page := a.get(c, "/maintenance")
	if !strings.Contains(page, "&lt;b&gt;nightly&lt;/b&gt; <span class=\"badge text-bg-warning\">active</span>") ||
		!strings.Contains(page, "every Mon, Wed, 11:00–13:30 (Europe/Berlin)") {
		t.Fatalf("the recurring window is not listed as active (13:00 in Berlin):\n%s", page)
	}
	viewer := a.signedIn("vic", "viewer")
	for _, p := range []string{"/maintenance/recurring/new", "/maintenance/" + id + "/delete"} {
		if res, _ := a.get(viewer, p); res.StatusCode != http.StatusForbidden {
			t.Errorf("viewer GET %s: %d", p, res.StatusCode)
		}
	}
	if res, _ := a.post(viewer, "/maintenance/recurring/new", good); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer create: %d", res.StatusCode)
	}
	if res, body := a.get(c, "/maintenance/"+id+"/delete"); res.StatusCode != http.StatusOK || !strings.Contains(body, "&lt;b&gt;nightly") {
		t.Fatalf("confirmation page: %d", res.StatusCode)
	}
	if res, _ := a.get(c, "/maintenance/999999/delete"); res.StatusCode != http.StatusNotFound {
		t.Errorf("confirmation of a missing window: %d", res.StatusCode)
	}
	if res, _ := a.post(c, "/maintenance/"+id+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if rows, _ := storage.ListMaintenanceWindowRows(ctx, a.db, 0); len(rows) != 0 {
		t.Fatalf("deleted window still stored: %+v", rows)
	}
}
