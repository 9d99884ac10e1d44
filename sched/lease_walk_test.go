package sched_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

// jobCount counts enqueued jobs.
type jobCount struct{ n int }

func (c *jobCount) Enqueue(sched.Job) error {
	c.n++
	return nil
}

// TestLocalWalk: with LocalWalk every scheduler fires every instant (the
// leases decide the hosts), a scheduler started later continues from the
// stored state instead of replaying an instant, and an edited interval
// starts afresh.
func TestLocalWalk(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	t0 := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	seedChecks(t, db, []string{"127.0.0.1:1", "127.0.0.1:2"}, t0, 10*time.Second)
	clock := &manualClock{now: t0}
	logger := slog.New(slog.DiscardHandler)
	newSched := func(q *jobCount, started time.Time) *sched.Scheduler {
		return sched.New(sched.Config{}, sched.NewLocalWalk(storage.SchedStore{DB: db}, started), q, clock, logger)
	}
	var a, b, late jobCount
	sa, sb := newSched(&a, t0), newSched(&b, t0)
	steps := []struct {
		name    string
		at      time.Duration
		edit    string
		s       *sched.Scheduler
		q       *jobCount
		wantAll int
	}{
		{name: "a fires t0", at: 0, s: sa, q: &a, wantAll: 2},
		{name: "b fires t0 too", at: 0, s: sb, q: &b, wantAll: 2},
		{name: "a does not fire twice", at: time.Second, s: sa, q: &a, wantAll: 2},
		{name: "a scheduler started later does not replay t0", at: 2 * time.Second, s: newSched(&late, t0.Add(2*time.Second)), q: &late, wantAll: 0},
		{name: "a fires t0+10s", at: 10 * time.Second, s: sa, q: &a, wantAll: 4},
		{name: "edited to 7s: not on the new grid now", at: 11 * time.Second, s: sa, q: &a, wantAll: 4,
			edit: `UPDATE schedule_intervals SET period = '7 seconds'`},
		{name: "fires at t0+14s on the new grid", at: 14 * time.Second, s: sa, q: &a, wantAll: 6},
	}
	for _, st := range steps {
		if st.edit != "" {
			if _, err := db.Exec(ctx, st.edit); err != nil {
				t.Fatal(err)
			}
		}
		clock.set(t0.Add(st.at))
		if _, err := st.s.Tick(ctx); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if st.q.n != st.wantAll {
			t.Fatalf("%s: %d jobs so far, want %d", st.name, st.q.n, st.wantAll)
		}
	}
	var next time.Time
	if err := db.QueryRow(ctx, `SELECT next_run FROM schedule_intervals`).Scan(&next); err != nil {
		t.Fatal(err)
	}
	if want := t0.Add(21 * time.Second); !next.Equal(want) {
		t.Errorf("stored next_run = %s, want %s (the furthest any scheduler walked)", next, want)
	}
}
