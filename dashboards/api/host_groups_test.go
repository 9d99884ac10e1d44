package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestHostGroupMembersAndCycles(t *testing.T) {
	b := setup(t, options{})
	_, h := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "web1", "address": "a"})
	st, inner := b.do(t, "POST", "/api/v1/host-groups", b.write, map[string]any{"name": "inner", "hosts": []any{h["id"]}})
	if st != http.StatusCreated || len(inner["hosts"].([]any)) != 1 {
		t.Fatalf("create inner: %d %v", st, inner)
	}
	st, outer := b.do(t, "POST", "/api/v1/host-groups", b.write, map[string]any{"name": "outer", "groups": []any{inner["id"]}})
	if st != http.StatusCreated {
		t.Fatalf("create outer: %d %v", st, outer)
	}
	innerPath := fmt.Sprintf("/api/v1/host-groups/%v", inner["id"])
	st, body := b.do(t, "PUT", innerPath, b.write, map[string]any{"name": "inner", "groups": []any{outer["id"]}})
	code, field := errOf(t, body)
	msg := body["error"].(map[string]any)["message"].(string)
	if st != 422 || code != "cycle" || field != "groups" || !strings.Contains(msg, "outer") {
		t.Fatalf("cycle: %d %v", st, body)
	}
	st, body = b.do(t, "PUT", innerPath, b.write, map[string]any{"name": "inner", "groups": []any{inner["id"]}})
	if st != 422 {
		t.Fatalf("self member: %d %v", st, body)
	}
	// The refused change left the group as it was.
	if st, body = b.do(t, "GET", innerPath, b.read, nil); st != 200 || len(body["hosts"].([]any)) != 1 || len(body["groups"].([]any)) != 0 {
		t.Fatalf("after refusal: %d %v", st, body)
	}
	st, body = b.do(t, "GET", "/api/v1/host-groups", b.read, nil)
	if st != 200 || body["total"] != 2.0 {
		t.Fatalf("list: %d %v", st, body)
	}
	if st, _ = b.do(t, "DELETE", innerPath, b.write, nil); st != http.StatusNoContent {
		t.Fatalf("delete: %d", st)
	}
}
