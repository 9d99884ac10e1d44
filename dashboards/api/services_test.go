package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

func TestServices(t *testing.T) {
	b := setup(t, options{})
	_, h1 := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "lb1", "address": "lb1"})
	_, h2 := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "lb2", "address": "lb2"})
	_, db := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "db", "address": "db"})
	st, s := b.do(t, "POST", "/api/v1/services", b.write, map[string]any{"name": "shop", "description": "the web shop",
		"hosts":      []any{db["id"]},
		"redundancy": []any{map[string]any{"name": "balancers", "hosts": []any{h1["id"], h2["id"]}}}})
	if st != http.StatusCreated || s["description"] != "the web shop" || len(s["redundancy"].([]any)) != 1 {
		t.Fatalf("create: %d %v", st, s)
	}
	path := fmt.Sprintf("/api/v1/services/%v", s["id"])
	st, body := b.do(t, "PUT", path, b.write, map[string]any{"name": "shop", "hosts": []any{999999}})
	if code, _ := errOf(t, body); st != 422 || code != "invalid_reference" {
		t.Fatalf("unknown host: %d %v", st, body)
	}
	if st, s = b.do(t, "GET", path, b.read, nil); st != 200 || len(s["hosts"].([]any)) != 1 || s["description"] != "the web shop" {
		t.Fatalf("refused change kept the service? %d %v", st, s)
	}
	st, body = b.do(t, "POST", "/api/v1/services", b.write, map[string]any{"name": "x",
		"redundancy": []any{map[string]any{"name": "empty"}}})
	if _, field := errOf(t, body); st != 422 || field != "redundancy" {
		t.Fatalf("empty redundancy group: %d %v", st, body)
	}
	if st, _ = b.do(t, "DELETE", path, b.write, nil); st != http.StatusNoContent {
		t.Fatalf("delete: %d", st)
	}
	if st, _ = b.do(t, "GET", path, b.read, nil); st != http.StatusNotFound {
		t.Fatalf("get deleted: %d", st)
	}
}
