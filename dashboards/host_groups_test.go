package dashboards

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestHostGroupCycleRefusedWithMessage(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	ids := map[string]string{}
	for _, name := range []string{"outer", "inner"} {
		if res, _ := a.post(c, "/host-groups/new", url.Values{"name": {name}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create %s: %d", name, res.StatusCode)
		}
		var id string
		_ = a.db.QueryRow(context.Background(), `SELECT id::text FROM host_groups WHERE name = $1`, name).Scan(&id)
		ids[name] = id
	}
	if res, _ := a.post(c, "/host-groups/"+ids["outer"], url.Values{"name": {"outer"}, "groups": {ids["inner"]}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("outer ⊃ inner: %d", res.StatusCode)
	}
	res, body := a.post(c, "/host-groups/"+ids["inner"], url.Values{"name": {"inner renamed"}, "groups": {ids["outer"]}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `group &#34;outer&#34; already contains this group`) {
		t.Fatalf("cycle: %d\n%s", res.StatusCode, body)
	}
	res, body = a.post(c, "/host-groups/"+ids["inner"], url.Values{"name": {"inner"}, "groups": {ids["inner"]}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "cannot contain itself") {
		t.Fatalf("self: %d", res.StatusCode)
	}
	var name string
	_ = a.db.QueryRow(context.Background(), `SELECT name FROM host_groups WHERE id = $1::bigint`, ids["inner"]).Scan(&name)
	if name != "inner" {
		t.Fatalf("refused edit was partly saved: name %q", name)
	}
	if res, body := a.post(c, "/host-groups/new", url.Values{"name": {"outer"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "already in use") {
		t.Fatalf("duplicate name: %d", res.StatusCode)
	}
}
