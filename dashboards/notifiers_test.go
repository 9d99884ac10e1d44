package dashboards

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestNotifierSecretsSealed: a webhook's URL (a secret) is stored sealed,
// never listed, and opens with the alert engine's key; the rest stays plain.
func TestNotifierSecretsSealed(t *testing.T) {
	a := newTestApp(t, nil)
	c := a.signedIn("ann", "admin")
	if res, body := a.post(c, "/notifiers/new", url.Values{"name": {"hook"}, "kind": {"webhook"}, "settings": {"[1]"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "one JSON object") {
		t.Fatalf("bad settings: %d", res.StatusCode)
	}
	form := url.Values{"name": {"hook"}, "kind": {"webhook"}, "enabled": {"on"},
		"settings": {`{"url": "https://hooks.example/s3cret-path", "timeout_seconds": 5}`}}
	if res, _ := a.post(c, "/notifiers/new", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	var settings, sealed []byte
	if err := a.db.QueryRow(t.Context(), `SELECT settings::text, secrets_encrypted FROM notifiers`).Scan(&settings, &sealed); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(settings, []byte("s3cret")) || bytes.Contains(sealed, []byte("s3cret")) || !bytes.Contains(settings, []byte("timeout_seconds")) {
		t.Fatalf("settings %s / sealed %x", settings, sealed)
	}
	if plain, err := a.web.notifierBox.Open(sealed); err != nil || !bytes.Contains(plain, []byte("s3cret-path")) {
		t.Fatalf("sealed secrets do not open with the notifier key: %q, %v", plain, err)
	}
	if _, list := a.get(c, "/notifiers"); strings.Contains(list, "s3cret") || !strings.Contains(list, "secrets stored") {
		t.Fatal("notifier list shows the secret or hides that one is stored")
	}
	if _, rule := a.get(c, "/alerts/new"); !strings.Contains(rule, "hook") {
		t.Fatal("the alert rule form does not offer the new notifier")
	}
}
