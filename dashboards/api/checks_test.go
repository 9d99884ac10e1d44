package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestChecksAndSchedules(t *testing.T) {
	b := setup(t, options{})
	addPlugin(t, b, "com.example.load", "Load", `return "ok"`)
	_, h := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "app", "address": "app"})
	_, g := b.do(t, "POST", "/api/v1/host-groups", b.write, map[string]any{"name": "apps"})
	st, ch := b.do(t, "POST", "/api/v1/checks", b.write, map[string]any{"name": "load", "hosts": []any{h["id"]},
		"groups": []any{g["id"]}, "plugins": map[string]any{"com.example.load": map[string]any{"warn": "4"}}})
	if st != http.StatusCreated || ch["enabled"] != true || fmt.Sprint(ch["plugins"]) != "map[com.example.load:map[warn:4]]" {
		t.Fatalf("create check: %d %v", st, ch)
	}
	st, body := b.do(t, "POST", "/api/v1/checks", b.write, map[string]any{"name": "x", "plugins": map[string]any{"nope.x": map[string]any{}}})
	if _, field := errOf(t, body); st != 422 || field != "plugins.nope.x" {
		t.Fatalf("unknown plugin: %d %v", st, body)
	}
	checkPath := fmt.Sprintf("/api/v1/checks/%v", ch["id"])
	st, ch = b.do(t, "PUT", checkPath, b.write, map[string]any{"name": "load", "enabled": false, "hosts": []any{h["id"]}})
	if st != 200 || ch["enabled"] != false || len(ch["groups"].([]any)) != 0 || len(ch["plugins"].(map[string]any)) != 0 {
		t.Fatalf("replace check: %d %v", st, ch)
	}

	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	st, s := b.do(t, "POST", "/api/v1/schedules", b.write, map[string]any{"name": "every minute",
		"intervals": []any{map[string]any{"start_at": start, "period_seconds": 60}}, "checks": []any{ch["id"]}})
	if st != http.StatusCreated || len(s["intervals"].([]any)) != 1 || len(s["checks"].([]any)) != 1 {
		t.Fatalf("create schedule: %d %v", st, s)
	}
	iv := s["intervals"].([]any)[0].(map[string]any)
	if iv["period_seconds"] != 60.0 || iv["start_at"] != "2026-01-01T00:00:00Z" {
		t.Fatalf("interval: %v", iv)
	}
	st, body = b.do(t, "POST", "/api/v1/schedules", b.write, map[string]any{"name": "bad",
		"intervals": []any{map[string]any{"start_at": start, "period_seconds": 0}}})
	if _, field := errOf(t, body); st != 422 || field != "intervals.period_seconds" {
		t.Fatalf("zero period: %d %v", st, body)
	}
	schedPath := fmt.Sprintf("/api/v1/schedules/%v", s["id"])
	st, s = b.do(t, "PUT", schedPath, b.write, map[string]any{"name": "every minute", "intervals": []any{
		map[string]any{"id": iv["id"], "start_at": start, "period_seconds": 60},
		map[string]any{"start_at": start, "period_seconds": 3600}}})
	if st != 200 || len(s["intervals"].([]any)) != 2 || len(s["checks"].([]any)) != 0 {
		t.Fatalf("replace schedule: %d %v", st, s)
	}
	if st, body = b.do(t, "GET", "/api/v1/schedules", b.read, nil); st != 200 || body["total"] != 1.0 {
		t.Fatalf("list schedules: %d %v", st, body)
	}
	for _, p := range []string{schedPath, checkPath} {
		if st, _ = b.do(t, "DELETE", p, b.write, nil); st != http.StatusNoContent {
			t.Fatalf("delete %s: %d", p, st)
		}
		if st, _ = b.do(t, "GET", p, b.read, nil); st != http.StatusNotFound {
			t.Fatalf("get deleted %s: %d", p, st)
		}
	}
}
