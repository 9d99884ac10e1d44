package api_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/prophasis/prophasis/dashboards/api/heartbeat"
	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/sched"
)

func TestHeartbeatMissingBecomesCritical(t *testing.T) {
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	b := setup(t, options{pipeline: true, now: clock})
	_, h := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "cron", "address": "cron.lan"})
	st, hb := b.do(t, "POST", "/api/v1/heartbeats", b.write,
		map[string]any{"name": "nightly-backup", "host_id": h["id"], "period_seconds": 300})
	if st != http.StatusCreated || hb["period_seconds"] != 300.0 {
		t.Fatalf("create: %d %v", st, hb)
	}
	checker, err := heartbeat.NewChecker(heartbeat.Config{DB: b.db, Sink: b.pipe, Logger: slog.New(slog.DiscardHandler), Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	check := func(want int) {
		t.Helper()
		if n, err := checker.Check(context.Background()); err != nil || n != want {
			t.Fatalf("at %s: %d missed (%v), want %d", now.Format(time.TimeOnly), n, err, want)
		}
	}
	state := func() string {
		t.Helper()
		b.pipe.flush(t)
		var cls string
		err := b.db.QueryRow(context.Background(), `SELECT classification FROM current_state
			WHERE plugin_id = $1 AND check_id = $2`, heartbeat.PluginID, int64(hb["check_id"].(float64))).Scan(&cls)
		if err != nil {
			t.Fatal(err)
		}
		return cls
	}

	now = now.Add(2 * time.Minute)
	if st, body := b.do(t, "POST", "/api/v1/heartbeats/nightly-backup", b.write, nil); st != http.StatusAccepted {
		t.Fatalf("beat: %d %v", st, body)
	}
	if got := state(); got != "ok" {
		t.Fatalf("after a beat: %s", got)
	}
	now = now.Add(4 * time.Minute) // 4 min after the beat: still in time
	check(0)
	now = now.Add(time.Minute) // 5 min after the beat
	check(1)
	check(0) // reported once per period
	if got := state(); got != "critical" {
		t.Fatalf("after a missed period: %s", got)
	}
	now = now.Add(5 * time.Minute)
	check(1) // still missing a period later
	if st, _ := b.do(t, "POST", "/api/v1/heartbeats/nightly-backup", b.write, nil); st != http.StatusAccepted {
		t.Fatal("late beat refused")
	}
	if got := state(); got != "ok" {
		t.Fatalf("after a late beat: %s", got)
	}
	check(0)
}

func TestHeartbeatRules(t *testing.T) {
	b := setup(t, options{pipeline: true})
	_, h := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "x", "address": "x"})
	for _, tc := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"bad name", map[string]any{"name": "a/b", "host_id": h["id"], "period_seconds": 60}, "name"},
		{"no host", map[string]any{"name": "a", "host_id": 999, "period_seconds": 60}, "host_id"},
		{"zero period", map[string]any{"name": "a", "host_id": h["id"], "period_seconds": 0}, "period_seconds"},
	} {
		st, body := b.do(t, "POST", "/api/v1/heartbeats", b.write, tc.body)
		if _, field := errOf(t, body); st != 422 || field != tc.field {
			t.Fatalf("%s: %d %v", tc.name, st, body)
		}
	}
	if st, _ := b.do(t, "POST", "/api/v1/heartbeats/unknown", b.write, nil); st != http.StatusNotFound {
		t.Fatalf("beat of unknown heartbeat: %d", st)
	}
	if st, _ := b.do(t, "POST", "/api/v1/heartbeats/unknown", b.read, nil); st != http.StatusForbidden {
		t.Fatalf("beat with read token: %d", st)
	}
	b.do(t, "POST", "/api/v1/heartbeats", b.write, map[string]any{"name": "a", "host_id": h["id"], "period_seconds": 60})
	if st, body := b.do(t, "GET", "/api/v1/heartbeats", b.read, nil); st != 200 || body["total"] != 1.0 {
		t.Fatalf("list: %d %v", st, body)
	}
	if st, _ := b.do(t, "DELETE", "/api/v1/heartbeats/a", b.write, nil); st != http.StatusNoContent {
		t.Fatalf("delete: %d", st)
	}
	if st, _ := b.do(t, "GET", "/api/v1/heartbeats/a", b.read, nil); st != http.StatusNotFound {
		t.Fatalf("get deleted: %d", st)
	}
}

// refusingSink is an ingest path that takes nothing (buffer full, shutdown).
type refusingSink struct{}

func (refusingSink) Submit(context.Context, sched.Result) error { return ingest.ErrFull }

func TestHeartbeatMissKeptWhenIngestRefuses(t *testing.T) {
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	b := setup(t, options{pipeline: true, now: clock})
	_, h := b.do(t, "POST", "/api/v1/hosts", b.write, map[string]any{"name": "c", "address": "c"})
	b.do(t, "POST", "/api/v1/heartbeats", b.write, map[string]any{"name": "job", "host_id": h["id"], "period_seconds": 60})
	now = now.Add(2 * time.Minute)
	log := slog.New(slog.DiscardHandler)
	refusing, _ := heartbeat.NewChecker(heartbeat.Config{DB: b.db, Sink: refusingSink{}, Logger: log, Now: clock})
	if n, err := refusing.Check(context.Background()); n != 0 || !errors.Is(err, ingest.ErrFull) {
		t.Fatalf("refused: %d %v", n, err)
	}
	working, _ := heartbeat.NewChecker(heartbeat.Config{DB: b.db, Sink: b.pipe, Logger: log, Now: clock})
	if n, err := working.Check(context.Background()); n != 1 || err != nil {
		t.Fatalf("after a refusal the miss is reported again: %d %v", n, err)
	}
}
