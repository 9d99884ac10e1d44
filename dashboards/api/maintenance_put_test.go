package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestMaintenanceWindowReplace(t *testing.T) {
	b := setup(t, options{})
	_, h1 := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "db1", "address": "db1"})
	_, h2 := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "db2", "address": "db2"})
	start := time.Date(2026, 12, 1, 22, 0, 0, 0, time.UTC)
	st, w := b.do(t, "POST", "/api/v1/maintenance-windows", b.write, map[string]any{"name": "upgrade", "kind": "once",
		"starts_at": start, "ends_at": start.Add(time.Hour), "hosts": []any{h1["id"]}})
	if st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, w)
	}
	path := fmt.Sprintf("/api/v1/maintenance-windows/%v", w["id"])
	body := map[string]any{"name": "backups", "kind": "recurring", "days": []any{0, 6}, "start_time": "23:00",
		"end_time": "02:00", "time_zone": "Europe/Berlin", "hosts": []any{h2["id"]}}
	if st, resp := b.do(t, "PUT", path, b.read, body); st != http.StatusForbidden {
		t.Fatalf("read token: %d %v", st, resp)
	}
	st, r := b.do(t, "PUT", path, b.write, body)
	if st != 200 || r["id"] != w["id"] || r["name"] != "backups" || r["kind"] != "recurring" || r["start_time"] != "23:00" ||
		fmt.Sprint(r["hosts"]) != fmt.Sprint([]any{h2["id"]}) || len(r["days"].([]any)) != 2 {
		t.Fatalf("replace: %d %v", st, r)
	}
	if st, got := b.do(t, "GET", path, b.read, nil); st != 200 || fmt.Sprint(got) != fmt.Sprint(r) {
		t.Fatalf("get after replace: %d %v", st, got)
	}
	for field, bad := range map[string]map[string]any{
		"ends_at":   {"name": "x", "kind": "once", "starts_at": start, "ends_at": start, "hosts": []any{h1["id"]}},
		"end_time":  {"name": "x", "kind": "recurring", "days": []any{1}, "start_time": "01:00", "end_time": "1am", "time_zone": "UTC", "hosts": []any{h1["id"]}},
		"hosts":     {"name": "x", "kind": "once", "starts_at": start, "ends_at": start.Add(time.Hour)},
		"time_zone": {"name": "x", "kind": "recurring", "days": []any{1}, "start_time": "01:00", "end_time": "02:00", "hosts": []any{h1["id"]}},
	} {
		st, resp := b.do(t, "PUT", path, b.write, bad)
		if _, f := errOf(t, resp); st != 422 || f != field {
			t.Fatalf("%s: %d %v", field, st, resp)
		}
	}
	if st, got := b.do(t, "GET", path, b.read, nil); st != 200 || got["name"] != "backups" {
		t.Fatalf("refused replace changed the window: %v", got)
	}
	if st, resp := b.do(t, "PUT", "/api/v1/maintenance-windows/999999", b.write, body); st != http.StatusNotFound {
		t.Fatalf("unknown id: %d %v", st, resp)
	}
}
