package dashboards

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

// TestNotifierEdit edits a webhook notifier on PostgreSQL: secrets are
// never shown, blank secret fields keep the sealed values, a typed one
// replaces only itself, a ticked clear box removes it.
func TestNotifierEdit(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	ctx := t.Context()
	for _, name := range []string{"taken", "hook"} {
		form := url.Values{"name": {name}, "kind": {"webhook"}, "enabled": {"on"},
			"settings": {`{"url": "https://hooks.example/s3cret-path", "secret": "hmac-key-1", "timeout_seconds": 5}`}}
		if res, _ := a.post(c, "/notifiers/new", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", res.StatusCode)
		}
	}
	list, _ := storage.ListNotifiers(ctx, a.db)
	id := itoa(list[0].ID)
	secrets := func() map[string]string {
		t.Helper()
		n, sealed, err := storage.GetNotifier(ctx, a.db, list[0].ID)
		if err != nil || n.Name == "" {
			t.Fatal(err)
		}
		out := map[string]string{}
		if plain, err := a.web.notifierBox.Open(sealed); err != nil || json.Unmarshal(plain, &out) != nil {
			t.Fatalf("sealed secrets: %v", err)
		}
		return out
	}
	if res, body := a.get(c, "/notifiers/"+id); res.StatusCode != http.StatusOK || strings.Contains(body, "s3cret") ||
		strings.Contains(body, "hmac-key") || !strings.Contains(body, "timeout_seconds") || !strings.Contains(body, `name="secret-url"`) {
		t.Fatalf("edit page %d shows a secret or lacks the fields:\n%s", res.StatusCode, body)
	}
	for _, tc := range []struct {
		form        url.Values
		field, want string
	}{
		{url.Values{"name": {"hook"}, "settings": {"[1]"}}, `id="e-settings"`, "one JSON object"},
		{url.Values{"name": {""}, "settings": {"{}"}}, `id="e-name"`, "Required."},
		{url.Values{"name": {"taken"}, "settings": {"{}"}}, `id="e-name"`, "already in use"},
		{url.Values{"name": {"hook"}, "settings": {"{}"}, "secret-url": {"a\nb"}}, `id="e-secret-url"`, "single line"},
	} {
		res, body := a.post(c, "/notifiers/"+id, tc.form)
		i := strings.Index(body, tc.field)
		if res.StatusCode != http.StatusUnprocessableEntity || i < 0 || !strings.Contains(body[i:], tc.want) {
			t.Errorf("form %v: status %d, want 422 with %q at %s", tc.form, res.StatusCode, tc.want, tc.field)
		}
	}
	steps := []struct {
		form url.Values
		want map[string]string
	}{
		{url.Values{"name": {"hook <b>2</b>"}, "settings": {`{"timeout_seconds": 9}`}}, map[string]string{"url": "https://hooks.example/s3cret-path", "secret": "hmac-key-1"}},
		{url.Values{"name": {"hook"}, "settings": {`{}`}, "secret-secret": {"hmac-key-2"}, "enabled": {"on"}}, map[string]string{"url": "https://hooks.example/s3cret-path", "secret": "hmac-key-2"}},
		{url.Values{"name": {"hook"}, "settings": {`{"url": "https://hooks.example/new"}`}, "clear-secret": {"on"}}, map[string]string{"url": "https://hooks.example/new"}},
		{url.Values{"name": {"hook"}, "settings": {`{}`}, "clear-url": {"on"}}, map[string]string{}},
	}
	for i, s := range steps {
		if res, body := a.post(c, "/notifiers/"+id, s.form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("step %d: %d\n%s", i, res.StatusCode, body)
		}
		if got := secrets(); len(got) != len(s.want) || got["url"] != s.want["url"] || got["secret"] != s.want["secret"] {
			t.Errorf("step %d: secrets %v, want %v", i, got, s.want)
		}
		if i == 0 {
			n, _, _ := storage.GetNotifier(ctx, a.db, list[0].ID)
			_, page := a.get(c, "/notifiers")
			if n.Enabled || !strings.Contains(string(n.Settings), `"timeout_seconds": 9`) || !strings.Contains(page, "hook &lt;b&gt;2&lt;/b&gt;") {
				t.Errorf("first save: %+v; list escaped name missing", n)
			}
		}
	}
	viewer := a.signedIn("vic", "viewer")
	if res, _ := a.get(viewer, "/notifiers/"+id); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer edit page: %d", res.StatusCode)
	}
	if res, _ := a.post(viewer, "/notifiers/"+id, steps[0].form); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer save: %d", res.StatusCode)
	}
	if res, _ := a.get(c, "/notifiers/999999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("missing notifier: %d", res.StatusCode)
	}
}
