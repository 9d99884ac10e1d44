package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

func TestNotifierWritesNeedWriteScopeAndValidBodies(t *testing.T) {
	b := setup(t, options{})
	ok := map[string]any{"name": "mail", "kind": "email", "settings": map[string]any{"password": "pw"}}
	if st, resp := b.do(t, "POST", "/api/v1/notifiers", b.read, ok); st != http.StatusForbidden {
		t.Fatalf("read token create: %d %v", st, resp)
	}
	st, n := b.do(t, "POST", "/api/v1/notifiers", b.write, ok)
	if st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, n)
	}
	path := fmt.Sprintf("/api/v1/notifiers/%v", n["id"])
	for _, method := range []string{"PUT", "DELETE"} {
		if st, resp := b.do(t, method, path, b.read, ok); st != http.StatusForbidden {
			t.Fatalf("read token %s: %d %v", method, st, resp)
		}
	}
	if st, resp := b.do(t, "POST", "/api/v1/notifiers", b.write, ok); st != http.StatusConflict {
		t.Fatalf("duplicate name: %d %v", st, resp)
	}
	for _, tc := range []struct {
		method, path, field string
		body                map[string]any
	}{
		{"POST", "/api/v1/notifiers", "name", map[string]any{"name": " ", "kind": "email", "settings": map[string]any{}}},
		{"POST", "/api/v1/notifiers", "kind", map[string]any{"name": "x", "kind": "pager", "settings": map[string]any{}}},
		{"POST", "/api/v1/notifiers", "settings", map[string]any{"name": "x", "kind": "email"}},
		{"POST", "/api/v1/notifiers", "settings.url", map[string]any{"name": "x", "kind": "slack", "settings": map[string]any{"url": 42}}},
		{"POST", "/api/v1/notifiers", "settings.token", map[string]any{"name": "x", "kind": "ntfy", "settings": map[string]any{"token": "a\nb"}}},
		{"PUT", path, "kind", map[string]any{"name": "mail", "kind": "slack", "settings": map[string]any{}}},
	} {
		st, resp := b.do(t, tc.method, tc.path, b.write, tc.body)
		if _, field := errOf(t, resp); st != http.StatusUnprocessableEntity || field != tc.field {
			t.Fatalf("%s: %d %v", tc.field, st, resp)
		}
	}
	if st, resp := b.do(t, "PUT", "/api/v1/notifiers/999999", b.write, ok); st != http.StatusNotFound {
		t.Fatalf("replace unknown: %d %v", st, resp)
	}
	if st, resp := b.do(t, "POST", "/api/v1/notifiers", b.write, `{"name":"y","kind":"email","settings":{},"extra":1}`); st != http.StatusBadRequest && st != http.StatusUnprocessableEntity {
		t.Fatalf("unknown field: %d %v", st, resp)
	}
}
