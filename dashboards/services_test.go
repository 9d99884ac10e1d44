package dashboards

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

// TestServiceEditor adds, edits and deletes a service with direct
// dependencies and redundancy groups on PostgreSQL, and checks the
// validation messages next to their fields.
func TestServiceEditor(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	ctx := t.Context()
	db1, _ := storage.CreateHost(ctx, a.db, storage.Host{Name: "db1", Address: "db1", Port: 4048, Enabled: true})
	web1, _ := storage.CreateHost(ctx, a.db, storage.Host{Name: "web1", Address: "web1", Port: 4048, Enabled: true})
	web2, _ := storage.CreateHost(ctx, a.db, storage.Host{Name: "<b>web2</b>", Address: "web2", Port: 4048, Enabled: true})
	lbs, err := storage.CreateHostGroup(ctx, a.db, storage.HostGroup{Name: "balancers"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"name": {"shop"}, "rg-name-0": {""}}, "Tick at least one host or host group, or add a redundancy group."},
		{url.Values{"name": {""}, "hosts": {itoa(db1)}}, "Required."},
		{url.Values{"name": {"shop"}, "rg-name-0": {""}, "rg-hosts-0": {itoa(web1)}}, "one-line name"},
		{url.Values{"name": {"shop"}, "rg-name-0": {"web"}}, "Tick at least one member"},
		{url.Values{"name": {"shop"}, "rg-name-0": {"web"}, "rg-hosts-0": {itoa(web1)}, "rg-name-1": {"web"}, "rg-hosts-1": {itoa(web2)}}, "already called &#34;web&#34;"},
		{url.Values{"name": {"shop"}, "hosts": {"999999"}}, "Tick at least one host"},
	} {
		res, body := a.post(c, "/services/new", tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) {
			t.Errorf("form %v: status %d, want 422 with %q", tc.form, res.StatusCode, tc.want)
		}
	}
	form := url.Values{"name": {"shop <i>x</i>"}, "description": {"the web shop"}, "hosts": {itoa(db1)},
		"rg-name-0": {"web"}, "rg-hosts-0": {itoa(web1), itoa(web2)}, "rg-name-1": {"lb"}, "rg-groups-1": {itoa(lbs)}, "rg-name-2": {""}}
	if res, body := a.post(c, "/services/new", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", res.StatusCode, body)
	}
	if res, body := a.post(c, "/services/new", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "already in use") {
		t.Errorf("duplicate name: %d", res.StatusCode)
	}
	all, err := storage.ServiceStructures(ctx, a.db)
	if err != nil || len(all) != 1 || !slices.Equal(all[0].Hosts, []int64{db1}) || len(all[0].Redundancy) != 2 ||
		!slices.Equal(all[0].Redundancy[0].Hosts, []int64{web1, web2}) || !slices.Equal(all[0].Redundancy[1].Groups, []int64{lbs}) {
		t.Fatalf("stored %+v, %v", all, err)
	}
	id := itoa(all[0].ID)
	_, list := a.get(c, "/services")
	for _, want := range []string{"shop &lt;i&gt;x&lt;/i&gt;", "Redundancy group web", "host &lt;b&gt;web2&lt;/b&gt;", "group balancers", "the web shop"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q", want)
		}
	}
	_, edit := a.get(c, "/services/"+id)
	for _, want := range []string{`id="h-` + itoa(db1) + `" checked`, `id="rg-0-h-` + itoa(web2) + `" checked`, `id="rg-1-g-` + itoa(lbs) + `" checked`, `name="rg-name-2" maxlength="200" value=""`} {
		if !strings.Contains(edit, want) {
			t.Errorf("edit form lacks %s", want)
		}
	}
	update := url.Values{"name": {"shop"}, "rg-name-0": {"web"}, "rg-hosts-0": {itoa(web1)}, "rg-name-1": {"lb"}, "rg-groups-1": {itoa(lbs)}, "rg-remove-1": {"on"}}
	if res, _ := a.post(c, "/services/"+id, update); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d", res.StatusCode)
	}
	all, _ = storage.ServiceStructures(ctx, a.db)
	if len(all) != 1 || len(all[0].Hosts) != 0 || len(all[0].Redundancy) != 1 || !slices.Equal(all[0].Redundancy[0].Hosts, []int64{web1}) {
		t.Fatalf("after update %+v", all)
	}
	if res, _ := a.get(c, "/services/999999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("missing service: %d", res.StatusCode)
	}
	if res, _ := a.post(c, "/services/"+id+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	var audited int
	_ = a.db.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE entity_type = 'service'`).Scan(&audited)
	if all, _ = storage.ServiceStructures(ctx, a.db); len(all) != 0 || audited != 3 {
		t.Errorf("after delete: %d services, %d audit entries", len(all), audited)
	}
	viewer := a.signedIn("vic", "viewer")
	if res, _ := a.get(viewer, "/services"); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer on the services editor: %d", res.StatusCode)
	}
}
