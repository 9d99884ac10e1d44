package core_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
)

// TestPipeline runs the whole core against a mock agent: results arrive
// classified, the host's health follows the mock's value, and the webhook
// hears the problem and then the recovery.
func TestPipeline(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	w := newWorld(t, db)
	c, err := core.New(core.Config{DB: db, Secret: secret, BaseURL: "https://mon.example.com",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Ingest: ingest.Config{FlushEvery: 20 * time.Millisecond},
		AlertTick: 20 * time.Millisecond, GroupWait: -1, LookupTTL: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()

	w.waitHealth(state.OK)
	t.Logf("first ok after %v", time.Since(begin))
	w.setValue(90)
	w.waitHealth(state.Critical)
	w.waitHooks("problem")
	w.setValue(10)
	w.waitHealth(state.OK)
	w.waitHooks("problem", "recovery")

	t.Logf("recovery after %v", time.Since(begin))
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if s := c.IngestStats(); s.Held != 0 || s.Dropped != 0 || s.Rejected != 0 {
		t.Fatalf("after shutdown ingest %+v: every accepted result must be written", s)
	}
	var health []string
	rows, _ := db.Query(context.Background(), `SELECT from_state || '>' || to_state FROM health_changes
		WHERE host_id = $1 ORDER BY time`, w.host)
	health, err = pgx.CollectRows(rows, pgx.RowTo[string])
	if want := []string{"no_data>ok", "ok>critical", "critical>ok"}; err != nil || !slices.Equal(health, want) {
		t.Fatalf("host health changes %v (%v), want %v", health, err, want)
	}
	var total, critical, unclassified int
	err = db.QueryRow(context.Background(), `SELECT count(*), count(*) FILTER (WHERE classification = 'critical'),
		count(*) FILTER (WHERE reason LIKE 'not classified%') FROM results WHERE host_id = $1`, w.host).
		Scan(&total, &critical, &unclassified)
	if err != nil || critical == 0 || unclassified != 0 || int64(total) != c.IngestStats().Written {
		t.Fatalf("results: %d total, %d critical, %d unclassified (%v); ingest %+v", total, critical, unclassified, err, c.IngestStats())
	}
}

// waitHealth waits until the host's current state is want.
func (w *world) waitHealth(want state.State) {
	w.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var got state.State
		_ = w.db.QueryRow(context.Background(), `SELECT classification FROM current_state WHERE host_id = $1`, w.host).Scan(&got)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("host health stayed %q, want %q", got, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (w *world) waitHooks(want ...string) {
	w.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !slices.Equal(w.hooks.kinds(), want) {
		if time.Now().After(deadline) {
			w.t.Fatalf("webhook got %v, want %v", w.hooks.kinds(), want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
