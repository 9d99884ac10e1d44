package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
)

// addPlugin creates a plugin with a default classifier, as an upload would.
func addPlugin(t *testing.T, b *bundle, id, name, lua string) {
	t.Helper()
	err := storage.EnsureBuiltinPlugin(context.Background(), b.db, storage.BuiltinPlugin{ID: id, Name: name, Classifier: lua})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPushedResultsAreClassifiedAndStored(t *testing.T) {
	b := setup(t, options{pipeline: true})
	p := b.pipe
	addPlugin(t, b, "com.example.backup", "Backup age",
		`if result.value > 24 then return "critical", "backup too old" end return "ok"`)
	_, h := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "nas", "address": "nas.lan"})
	at := time.Date(2026, 11, 1, 3, 0, 0, 0, time.UTC)
	st, body := b.do(t, "POST", "/api/v1/results", b.write, map[string]any{"results": []any{
		map[string]any{"host": "nas", "plugin": "com.example.backup", "time": at, "value": 2, "message": "fresh"},
		map[string]any{"host_id": h["id"], "plugin": "Backup age", "time": at.Add(time.Hour), "value": 30},
	}})
	if st != http.StatusAccepted || body["accepted"] != 2.0 {
		t.Fatalf("push: %d %v", st, body)
	}
	p.flush(t)
	var cls, reason string
	var n int
	err := b.db.QueryRow(context.Background(), `SELECT count(*) OVER (), classification, reason FROM results
		WHERE plugin_id = 'com.example.backup' AND check_id IS NULL ORDER BY time DESC LIMIT 1`).Scan(&n, &cls, &reason)
	if err != nil || n != 2 || cls != "critical" || reason != "backup too old" {
		t.Fatalf("stored %d results, latest %s %q (%v)", n, cls, reason, err)
	}
	err = b.db.QueryRow(context.Background(), `SELECT classification FROM current_state
		WHERE host_id = $1 AND plugin_id = 'com.example.backup'`, int64(h["id"].(float64))).Scan(&cls)
	if err != nil || cls != "critical" {
		t.Fatalf("current state %q (%v)", cls, err)
	}
}

func TestPushValidation(t *testing.T) {
	b := setup(t, options{pipeline: true})
	p := b.pipe
	addPlugin(t, b, "com.example.x", "X", `return "ok"`)
	b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "h", "address": "h"})
	ok := map[string]any{"host": "h", "plugin": "com.example.x", "value": 1}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range ok {
			m[kk] = vv
		}
		m[k] = v
		return m
	}
	tests := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"empty batch", map[string]any{"results": []any{}}, 422, "results"},
		{"unknown host", map[string]any{"results": []any{ok, with("host", "nope")}}, 422, "results[1].host"},
		{"unknown plugin", map[string]any{"results": []any{with("plugin", "nope")}}, 422, "results[0].plugin"},
		{"both host forms", map[string]any{"results": []any{with("host_id", 1)}}, 422, "results[0].host"},
		{"bad status", map[string]any{"results": []any{with("status", "critical")}}, 422, "results[0].status"},
		{"future", map[string]any{"results": []any{with("time", time.Now().Add(time.Hour))}}, 422, "results[0].time"},
		{"unknown field", `{"results":[{"host":"h","plugin":"com.example.x","valu":1}]}`, 400, "valu"},
		{"value not number", `{"results":[{"host":"h","plugin":"com.example.x","value":"1"}]}`, 400, "results.value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, body := b.do(t, "POST", "/api/v1/results", b.write, tc.body)
			if _, field := errOf(t, body); st != tc.status || field != tc.field {
				t.Fatalf("%d %v, want %d on %s", st, body, tc.status, tc.field)
			}
		})
	}
	p.flush(t)
	var n int
	if err := b.db.QueryRow(context.Background(), `SELECT count(*) FROM results`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("a refused batch stored %d results (%v)", n, err)
	}
}
