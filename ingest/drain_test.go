package ingest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// TestDrainDeadline: another session holds the results table locked, so
// the writer's batch waits and a backlog of five batches builds up behind
// it. Close must return within the drain timeout (the bound below is
// generous: without the deadline the batch would wait for the 30 s write
// timeout, then every batch of the backlog in turn), nothing may be half
// written, and every result must be accounted for: written or dropped,
// with the exact number in the system log.
func TestDrainDeadline(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	ctx := context.Background()
	host := fixture(t, db, "web1")
	locker, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = locker.Rollback(ctx) }()
	if _, err := locker.Exec(ctx, `LOCK TABLE results IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	w := NewWriter(Config{BatchSize: 10, FlushEvery: 10 * time.Millisecond, DrainTimeout: 300 * time.Millisecond},
		db, nil, NewSystemLog(db, discard()), discard())
	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()
	for i := range 50 {
		if err := w.Submit(ctx, result(host, "test.cpu", t0.Add(time.Duration(i)*time.Second), 1, state.OK)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "a batch blocked on the lock", func() bool {
		return count(t, db, `SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'results'::regclass`) > 0
	})

	closeCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := w.Close(closeCtx); err != nil {
		t.Fatalf("Close: %v (did not return on time)", err)
	}
	if err := <-errc; err == nil || !strings.Contains(err.Error(), "50 results unwritten") {
		t.Fatalf("Run returned %v, want 50 results unwritten", err)
	}
	if err := locker.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if s := w.Stats(); s.Written != 0 || s.Dropped != 50 || s.Held != 0 {
		t.Fatalf("stats %+v, want 50 dropped, none written or held", s)
	}
	if n := count(t, db, `SELECT count(*) FROM results`); n != 0 {
		t.Fatalf("%d results stored from a cancelled batch, want 0", n)
	}
	logs, err := storage.RecentSystemLog(ctx, db, "ingest", 10)
	if err != nil || len(logs) != 1 || !strings.Contains(logs[0].Message, "dropped 50 accepted results") {
		t.Fatalf("system log %+v, %v; want the 50 dropped results", logs, err)
	}
}
