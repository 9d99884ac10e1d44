package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestMaintenanceWindows(t *testing.T) {
	b := setup(t, options{})
	_, h := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "db", "address": "db"})
	start := time.Date(2026, 12, 1, 22, 0, 0, 0, time.UTC)
	st, w := b.do(t, "POST", "/api/v1/maintenance-windows", b.write, map[string]any{"name": "upgrade", "kind": "once",
		"starts_at": start, "ends_at": start.Add(2 * time.Hour), "hosts": []any{h["id"]}})
	if st != http.StatusCreated || w["kind"] != "once" || len(w["hosts"].([]any)) != 1 {
		t.Fatalf("create once: %d %v", st, w)
	}
	st, r := b.do(t, "POST", "/api/v1/maintenance-windows", b.write, map[string]any{"name": "backups", "kind": "recurring",
		"days": []any{0, 6}, "start_time": "23:00", "end_time": "02:00", "time_zone": "Europe/Berlin", "hosts": []any{h["id"]}})
	if st != http.StatusCreated || r["start_time"] != "23:00" || r["time_zone"] != "Europe/Berlin" {
		t.Fatalf("create recurring: %d %v", st, r)
	}
	for name, body := range map[string]map[string]any{
		"ends_at":    {"name": "x", "kind": "once", "starts_at": start, "ends_at": start, "hosts": []any{h["id"]}},
		"start_time": {"name": "x", "kind": "recurring", "days": []any{1}, "start_time": "25:00", "end_time": "01:00", "time_zone": "UTC", "hosts": []any{h["id"]}},
		"hosts":      {"name": "x", "kind": "once", "starts_at": start, "ends_at": start.Add(time.Hour)},
	} {
		st, resp := b.do(t, "POST", "/api/v1/maintenance-windows", b.write, body)
		if _, field := errOf(t, resp); st != 422 || field != name {
			t.Fatalf("%s: %d %v", name, st, resp)
		}
	}
	st, resp := b.do(t, "POST", "/api/v1/maintenance-windows", b.write, map[string]any{"name": "x", "kind": "recurring",
		"days": []any{1}, "start_time": "01:00", "end_time": "02:00", "time_zone": "Mars/Olympus", "hosts": []any{h["id"]}})
	if code, _ := errOf(t, resp); st != 422 || code != "invalid" {
		t.Fatalf("unknown zone: %d %v", st, resp)
	}
	if st, resp = b.do(t, "GET", "/api/v1/maintenance-windows", b.read, nil); st != 200 || resp["total"] != 2.0 {
		t.Fatalf("list: %d %v", st, resp)
	}
	path := fmt.Sprintf("/api/v1/maintenance-windows/%v", w["id"])
	if st, _ = b.do(t, "DELETE", path, b.write, nil); st != http.StatusNoContent {
		t.Fatalf("delete: %d", st)
	}
	if st, _ = b.do(t, "GET", path, b.read, nil); st != http.StatusNotFound {
		t.Fatalf("get deleted: %d", st)
	}
}

func TestAcknowledgements(t *testing.T) {
	b := setup(t, options{pipeline: true})
	addPlugin(t, b, "com.example.raid", "RAID", `if result.value == 0 then return "critical", "degraded array" end return "ok"`)
	_, sick := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "sick", "address": "sick"})
	_, well := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "well", "address": "well"})
	b.do(t, "POST", "/api/v1/results", b.write, map[string]any{"results": []any{
		map[string]any{"host": "sick", "plugin": "com.example.raid", "value": 0},
		map[string]any{"host": "well", "plugin": "com.example.raid", "value": 1}}})
	b.pipe.flush(t)
	st, body := b.do(t, "POST", "/api/v1/acknowledgements", b.write, map[string]any{"host_id": sick["id"], "comment": "replacing disk"})
	if st != http.StatusCreated || body["state"] != "critical" {
		t.Fatalf("ack: %d %v", st, body)
	}
	st, body = b.do(t, "POST", "/api/v1/acknowledgements", b.write, map[string]any{"host_id": well["id"]})
	if _, field := errOf(t, body); st != 422 || field != "host_id" {
		t.Fatalf("ack of a healthy host: %d %v", st, body)
	}
	st, body = b.do(t, "GET", "/api/v1/acknowledgements", b.read, nil)
	items, _ := body["items"].([]any)
	if st != 200 || len(items) != 1 || items[0].(map[string]any)["comment"] != "replacing disk" {
		t.Fatalf("list: %d %v", st, body)
	}
}
