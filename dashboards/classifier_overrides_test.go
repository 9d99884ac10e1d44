package dashboards

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestClassifierOverrides gives one check its own classifier for a plugin
// on PostgreSQL (compiled before saving), edits and deletes it, and checks
// that the default classifier is never touched.
func TestClassifierOverrides(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	var check, other int64
	mustExec(t, a, `INSERT INTO plugins (id, name) VALUES ('test.disk', 'Disk')`)
	mustExec(t, a, `INSERT INTO classifiers (plugin_id, code, history_depth) VALUES ('test.disk', 'return "ok", "default"', 2)`)
	for name, id := range map[string]*int64{"<b>disks</b>": &check, "other": &other} {
		if err := a.db.QueryRow(t.Context(), `INSERT INTO checks (name) VALUES ($1) RETURNING id`, name).Scan(id); err != nil {
			t.Fatal(err)
		}
	}
	mustExec(t, a, `INSERT INTO check_plugins (check_id, plugin_id) VALUES ($1, 'test.disk')`, check)
	base := "/plugins/test.disk/classifier/overrides/"
	path := base + itoa(check)
	if _, page := a.get(c, "/plugins/test.disk/classifier"); !strings.Contains(page, `href="/plugins/test.disk/classifier/overrides"`) {
		t.Fatal("the classifier page does not link to the overrides")
	}
	if res, page := a.get(c, "/plugins/test.disk/classifier/overrides"); res.StatusCode != http.StatusOK ||
		!strings.Contains(page, "&lt;b&gt;disks&lt;/b&gt;") || strings.Contains(page, "other") || strings.Contains(page, "badge text-bg-info") {
		t.Fatalf("override list %d:\n%s", res.StatusCode, page)
	}
	if _, form := a.get(c, path); !strings.Contains(form, "return &#34;ok&#34;, &#34;default&#34;") || !strings.Contains(form, `value="2"`) {
		t.Fatal("a check without an override does not start from the default")
	}
	for _, tc := range []struct {
		form        url.Values
		field, want string
	}{
		{url.Values{"code": {"return ("}, "depth": {"3"}}, `id="code-error"`, "syntax error"},
		{url.Values{"code": {""}, "depth": {"3"}}, `id="code-error"`, "Required."},
		{url.Values{"code": {`return "ok"`}, "depth": {"0"}}, `id="e-depth"`, "1 to 10000"},
	} {
		res, body := a.post(c, path, tc.form)
		i := strings.Index(body, tc.field)
		if res.StatusCode != http.StatusUnprocessableEntity || i < 0 || !strings.Contains(body[i:], tc.want) {
			t.Errorf("form %v: status %d, want 422 with %q at %s", tc.form, res.StatusCode, tc.want, tc.field)
		}
	}
	for i, code := range []string{`return "critical", "<own>"`, `return "minor"`} {
		if res, body := a.post(c, path, url.Values{"code": {code}, "depth": {"5"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save %d: %d\n%s", i, res.StatusCode, body)
		}
	}
	stored := func() (code string, version int) {
		_ = a.db.QueryRow(t.Context(), `SELECT code, version FROM classifiers WHERE check_id = $1 AND history_depth = 5`, check).Scan(&code, &version)
		return code, version
	}
	if code, version := stored(); code != `return "minor"` || version != 2 {
		t.Fatalf("override stored as %q version %d", code, version)
	}
	if _, page := a.get(c, "/plugins/test.disk/classifier/overrides"); !strings.Contains(page, "badge text-bg-info") {
		t.Error("the list does not mark the override")
	}
	if res, _ := a.post(c, base+itoa(other), url.Values{"code": {`return "ok"`}, "depth": {"1"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("override for a check that does not run the plugin: %d", res.StatusCode)
	}
	viewer := a.signedIn("vic", "viewer")
	for _, p := range []string{"/plugins/test.disk/classifier/overrides", path, path + "/delete"} {
		if res, _ := a.get(viewer, p); res.StatusCode != http.StatusForbidden {
			t.Errorf("viewer GET %s: %d", p, res.StatusCode)
		}
	}
	if res, _ := a.post(viewer, path+"/delete", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer delete: %d", res.StatusCode)
	}
	if res, body := a.get(c, path+"/delete"); res.StatusCode != http.StatusOK || !strings.Contains(body, "&lt;b&gt;disks&lt;/b&gt;") {
		t.Fatalf("confirmation page: %d", res.StatusCode)
	}
	if res, _ := a.post(c, path+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	var n int
	_ = a.db.QueryRow(t.Context(), `SELECT count(*) FROM classifiers WHERE plugin_id = 'test.disk' AND check_id IS NULL AND history_depth = 2`).Scan(&n)
	if code, _ := stored(); code != "" || n != 1 {
		t.Fatalf("after delete: override %q, defaults %d", code, n)
	}
	if res, _ := a.get(c, path+"/delete"); res.StatusCode != http.StatusNotFound {
		t.Errorf("confirming a deleted override: %d", res.StatusCode)
	}
}
