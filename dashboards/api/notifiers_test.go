package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

const hookURL, hookSecret = "https://hooks.example.com/T0/very-secret-path", "hmac-key-do-not-leak"

// storedSecrets unseals notifier id's secrets the way the alert engine does.
func storedSecrets(t *testing.T, b *bundle, id any) map[string]string {
	t.Helper()
	n, sealed, err := storage.GetNotifier(context.Background(), b.db, int64(id.(float64)))
	if err != nil {
		t.Fatal(err)
	}
	box, err := secretbox.New(bytes.Repeat([]byte{7}, 32), channels.SecretPurpose)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	if !n.HasSecrets {
		return out
	}
	plain, err := box.Open(sealed)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(plain, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// noSecrets fails when an answer carries a secret value.
func noSecrets(t *testing.T, what string, body map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	if bytes.Contains(raw, []byte(hookSecret)) || bytes.Contains(raw, []byte("very-secret-path")) {
		t.Fatalf("%s leaks a secret: %s", what, raw)
	}
}

func secretsSet(body map[string]any) string {
	var names []string
	for _, v := range body["secrets_set"].([]any) {
		names = append(names, v.(string))
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}

func TestNotifiersKeepSecretsSealed(t *testing.T) {
	b := setup(t, options{})
	in := map[string]any{"name": "ops hook", "kind": "webhook",
		"settings": map[string]any{"url": hookURL, "secret": hookSecret, "timeout_seconds": 5}}
	st, n := b.do(t, "POST", "/api/v1/notifiers", b.write, in)
	noSecrets(t, "create", n)
	if st != http.StatusCreated || n["enabled"] != true || secretsSet(n) != "secret,url" || n["settings"].(map[string]any)["timeout_seconds"] != 5.0 {
		t.Fatalf("create: %d %v", st, n)
	}
	if s := storedSecrets(t, b, n["id"]); s["url"] != hookURL || s["secret"] != hookSecret {
		t.Fatalf("sealed on create: %v", s)
	}
	path := fmt.Sprintf("/api/v1/notifiers/%v", n["id"])
	for _, p := range []string{path, "/api/v1/notifiers"} {
		st, body := b.do(t, "GET", p, b.read, nil)
		noSecrets(t, "GET "+p, body)
		if st != 200 {
			t.Fatalf("GET %s: %d %v", p, st, body)
		}
	}

	// url omitted: kept; secret null: cleared.
	st, n = b.do(t, "PUT", path, b.write, map[string]any{"name": "ops", "kind": "webhook", "enabled": false,
		"settings": map[string]any{"secret": nil, "timeout_seconds": 7}})
	noSecrets(t, "replace", n)
	if st != 200 || n["name"] != "ops" || n["enabled"] != false || secretsSet(n) != "url" {
		t.Fatalf("replace: %d %v", st, n)
	}
	if s := storedSecrets(t, b, n["id"]); len(s) != 1 || s["url"] != hookURL {
		t.Fatalf("omitted secret not kept, null not cleared: %v", s)
	}
	st, n = b.do(t, "PUT", path, b.write, map[string]any{"name": "ops", "kind": "webhook", "settings": map[string]any{"url": nil}})
	if st != 200 || secretsSet(n) != "" || len(storedSecrets(t, b, n["id"])) != 0 {
		t.Fatalf("clear all: %d %v", st, n)
	}

	if st, _ = b.do(t, "DELETE", path, b.write, nil); st != http.StatusNoContent {
		t.Fatalf("delete: %d", st)
	}
	if st, _ = b.do(t, "GET", path, b.read, nil); st != http.StatusNotFound {
		t.Fatalf("get deleted: %d", st)
	}
	entries, err := storage.ListAudit(context.Background(), b.db, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Action+" "+e.EntityType)
	}
	if want := "api.delete notifiers|api.update notifiers|api.update notifiers|api.create notifiers"; strings.Join(got, "|") != want {
		t.Fatalf("audit log %q, want %s", got, want)
	}
}
