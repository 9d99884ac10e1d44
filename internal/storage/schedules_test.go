package storage_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

// exec runs seed SQL, failing the test on error.
func exec(t *testing.T, db *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func TestIntervalsAdvance(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	start := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	exec(t, db, `INSERT INTO schedules (name, max_lateness) VALUES ('fast', '45 seconds'), ('off', NULL)`)
	exec(t, db, `UPDATE schedules SET enabled = false WHERE name = 'off'`)
	exec(t, db, `INSERT INTO schedule_intervals (schedule_id, start_at, period)
		SELECT id, $1, p FROM schedules, unnest(ARRAY['1 minute', '1 day', '1 hour']::interval[]) p
		WHERE name = 'fast' OR (name = 'off' AND p = '1 hour')`, start)
	ivs, err := storage.ListIntervals(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(ivs) != 3 {
		t.Fatalf("intervals = %+v, want the enabled schedule's three", ivs)
	}
	iv := ivs[0]
	if iv.Period != time.Minute || iv.MaxLateness != 45*time.Second || !iv.Start.Equal(start) || !iv.NextRun.IsZero() {
		t.Fatalf("interval = %+v", iv)
	}
	next, d := iv.Step(start.Add(3*time.Minute), iv.MaxLateness)
	if !d.Fire {
		t.Fatalf("decision = %+v", d)
	}
	steps := []struct {
		name      string
		old, next sched.Interval
		edit      string
		want      bool
	}{
		{name: "first advance from the state read", old: iv, next: next, want: true},
		{name: "stale state loses", old: iv, next: next, want: false},
		{name: "edited period loses", old: next, next: next, edit: `UPDATE schedule_intervals SET period = '2 minutes' WHERE id = $1`, want: false},
	}
	for _, st := range steps {
		if st.edit != "" {
			exec(t, db, st.edit, iv.ID)
		}
		ok, err := storage.AdvanceInterval(ctx, db, st.old, st.next)
		if err != nil || ok != st.want {
			t.Fatalf("%s: ok = %v, err = %v", st.name, ok, err)
		}
	}
	ivs, _ = storage.ListIntervals(ctx, db)
	if got := ivs[0]; !got.NextRun.Equal(next.NextRun) || !got.LastRun.Equal(start.Add(3*time.Minute)) || got.Period != 2*time.Minute {
		t.Fatalf("stored = %+v, want next %s", got, next.NextRun)
	}
}

// fixedClock is a clock stopped at one instant.
type fixedClock struct{ now time.Time }

func (c fixedClock) Now() time.Time                       { return c.now }
func (c fixedClock) After(time.Duration) <-chan time.Time { return nil }

// jobList records enqueued jobs.
type jobList struct{ jobs []sched.Job }

func (l *jobList) Enqueue(j sched.Job) error {
	l.jobs = append(l.jobs, j)
	return nil
}

// TestSchedulerRestartOnPostgres runs the scheduler on the real store and
// restarts it at the same instant: the run is made once.
func TestSchedulerRestartOnPostgres(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	start := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	seedExpansion(t, db)
	exec(t, db, `INSERT INTO schedule_intervals (schedule_id, start_at, period) SELECT id, $1, '1 minute' FROM schedules`, start)
	logger := slog.New(slog.DiscardHandler)
	for i, tc := range []struct {
		at   time.Duration
		want int
	}{{0, 6}, {0, 0}, {30 * time.Second, 0}, {time.Minute + time.Second, 6}} {
		var q jobList
		s := sched.New(sched.Config{}, storage.SchedStore{DB: db}, &q, fixedClock{start.Add(tc.at)}, logger)
		if _, err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		if len(q.jobs) != tc.want {
			t.Errorf("pass %d at +%s: %d jobs, want %d", i, tc.at, len(q.jobs), tc.want)
		}
	}
}
