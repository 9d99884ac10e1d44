package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

func TestAlertRules(t *testing.T) {
	b := setup(t, options{})
	_, h := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "web", "address": "web"})
	rule := map[string]any{"name": "web down", "scope": "hosts", "subjects": []any{h["id"]},
		"from": []any{"ok"}, "to": []any{"major", "critical"}, "repeat_seconds": 3600}
	st, r := b.do(t, "POST", "/api/v1/alert-rules", b.write, rule)
	if st != http.StatusCreated || r["enabled"] != true || r["repeat_seconds"] != 3600.0 || len(r["subjects"].([]any)) != 1 {
		t.Fatalf("create: %d %v", st, r)
	}
	path := fmt.Sprintf("/api/v1/alert-rules/%v", r["id"])
	rule["scope"], rule["subjects"], rule["repeat_seconds"] = "all_hosts", []any{}, 0
	if st, r = b.do(t, "PUT", path, b.write, rule); st != 200 || r["scope"] != "all_hosts" || r["repeat_seconds"] != 0.0 {
		t.Fatalf("replace: %d %v", st, r)
	}
	for field, body := range map[string]map[string]any{
		"scope":          {"name": "x", "scope": "everything", "from": []any{"ok"}, "to": []any{"critical"}},
		"repeat_seconds": {"name": "x", "scope": "all_hosts", "from": []any{"ok"}, "to": []any{"critical"}, "repeat_seconds": 5},
		"to":             {"name": "x", "scope": "all_hosts", "from": []any{"ok"}},
	} {
		st, resp := b.do(t, "POST", "/api/v1/alert-rules", b.write, body)
		if _, f := errOf(t, resp); st != 422 || f != field {
			t.Fatalf("%s: %d %v", field, st, resp)
		}
	}
	st, resp := b.do(t, "POST", "/api/v1/alert-rules", b.write,
		map[string]any{"name": "x", "scope": "all_hosts", "from": []any{"ok"}, "to": []any{"warning"}})
	if st != 422 {
		t.Fatalf("unknown state: %d %v", st, resp)
	}
	if st, resp = b.do(t, "GET", "/api/v1/alert-rules", b.read, nil); st != 200 || resp["total"] != 1.0 {
		t.Fatalf("list: %d %v", st, resp)
	}
	if st, _ = b.do(t, "DELETE", path, b.write, nil); st != http.StatusNoContent {
		t.Fatalf("delete: %d", st)
	}
	if st, _ = b.do(t, "GET", path, b.read, nil); st != http.StatusNotFound {
		t.Fatalf("get deleted: %d", st)
	}
}
