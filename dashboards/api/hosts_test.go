package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/storage"
)

func TestHostRoundTrip(t *testing.T) {
	b := setup(t, options{})
	st, h := b.do(t, "POST", "/api/v1/hosts", b.write,
		map[string]any{"name": "db1", "address": "db1.example.com", "agent_key": "s3cret", "fingerprint": strings.Repeat("AB", 32)})
	if st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, h)
	}
	if _, leaked := h["agent_key"]; leaked || h["has_agent_key"] != true || h["port"] != 4048.0 || h["enabled"] != true {
		t.Fatalf("created host %v", h)
	}
	path := fmt.Sprintf("/api/v1/hosts/%v", h["id"])
	st, h = b.do(t, "PUT", path, b.write, map[string]any{"name": "db1", "address": "10.1.1.1", "port": 4049, "enabled": false})
	if st != http.StatusOK || h["address"] != "10.1.1.1" || h["has_agent_key"] != true || h["enabled"] != false {
		t.Fatalf("replace kept key? %d %v", st, h)
	}
	if st, h = b.do(t, "GET", path, b.read, nil); st != http.StatusOK || h["port"] != 4049.0 || h["fingerprint"] != "" {
		t.Fatalf("get: %d %v", st, h)
	}
	if st, _ = b.do(t, "DELETE", path, b.write, nil); st != http.StatusNoContent {
		t.Fatalf("delete: %d", st)
	}
	if st, h = b.do(t, "GET", path, b.read, nil); st != http.StatusNotFound {
		t.Fatalf("get deleted: %d %v", st, h)
	}
	entries, err := storage.ListAudit(context.Background(), b.db, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Actor+" "+e.Action+" "+e.EntityType+" "+e.EntityID)
	}
	id := strings.TrimPrefix(path, "/api/v1/hosts/")
	want := []string{"token:writer api.delete hosts " + id, "token:writer api.update hosts " + id, "token:writer api.create hosts "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("audit log %q, want %q", got, want)
	}
}

func TestHostValidation(t *testing.T) {
	b := setup(t, options{})
	b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "taken", "address": "a"})
	tests := []struct {
		name        string
		body        any
		status      int
		code, field string
	}{
		{"missing name", map[string]any{"address": "a"}, 422, "invalid", "name"},
		{"bad address", map[string]any{"name": "x", "address": "not an address!"}, 422, "invalid", "address"},
		{"bad port", map[string]any{"name": "x", "address": "a", "port": 70000}, 422, "invalid", "port"},
		{"bad fingerprint", map[string]any{"name": "x", "address": "a", "fingerprint": "zz"}, 422, "invalid", "fingerprint"},
		{"empty key", map[string]any{"name": "x", "address": "a", "agent_key": ""}, 422, "invalid", "agent_key"},
		{"unknown field", map[string]any{"name": "x", "address": "a", "colour": "red"}, 400, "invalid_json", "colour"},
		{"wrong type", map[string]any{"name": "x", "address": "a", "port": "80"}, 400, "invalid_json", "port"},
		{"malformed", `{"name": `, 400, "invalid_json", ""},
		{"two values", `{"name":"x","address":"a"} {}`, 400, "invalid_json", ""},
		{"too big", `{"name":"` + strings.Repeat("x", 2<<20) + `"}`, 413, "too_large", ""},
		{"duplicate", map[string]any{"name": "taken", "address": "a"}, 409, "duplicate", "name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, body := b.do(t, "POST", "/api/v1/hosts", b.write, tc.body)
			if st != tc.status {
				t.Fatalf("status %d, want %d (%v)", st, tc.status, body)
			}
			if code, field := errOf(t, body); code != tc.code || field != tc.field {
				t.Fatalf("error %s/%s, want %s/%s", code, field, tc.code, tc.field)
			}
		})
	}
}

func TestPagination(t *testing.T) {
	b := setup(t, options{})
	for i := range 5 {
		b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": fmt.Sprintf("h%d", i), "address": "a"})
	}
	var names []string
	next := "0"
	for next != "" {
		st, body := b.do(t, "GET", "/api/v1/hosts?limit=2&offset="+next, b.read, nil)
		if st != http.StatusOK || body["total"] != 5.0 {
			t.Fatalf("page: %d %v", st, body)
		}
		for _, it := range body["items"].([]any) {
			names = append(names, it.(map[string]any)["name"].(string))
		}
		next = ""
		if n, ok := body["next_offset"].(float64); ok {
			next = fmt.Sprint(n)
		}
	}
	if strings.Join(names, ",") != "h0,h1,h2,h3,h4" {
		t.Fatalf("pages gave %v", names)
	}
	for _, q := range []string{"limit=0", "limit=1001", "offset=-1", "limit=x"} {
		st, body := b.do(t, "GET", "/api/v1/hosts?"+q, b.read, nil)
		if code, field := errOf(t, body); st != 400 || code != "invalid_parameter" || field != strings.Split(q, "=")[0] {
			t.Fatalf("%s: %d %s %s", q, st, code, field)
		}
	}
}
