package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestFlushBySize(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	host := fixture(t, db, "web1")
	w := NewWriter(Config{BatchSize: 10, FlushEvery: time.Hour}, db, nil, nil, discard())
	start(t, w)
	for i := range 25 {
		if err := w.Submit(context.Background(), result(host, "test.cpu", t0.Add(time.Duration(i)*time.Second), 1, state.OK)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "two full batches", func() bool { return w.Stats().Written == 20 })
	if n := count(t, db, `SELECT count(*) FROM results`); n != 20 {
		t.Fatalf("%d results stored before the interval, want the 2 full batches (20)", n)
	}
	if held := w.Stats().Held; held != 5 {
		t.Fatalf("held %d, want the 5 of the filling batch", held)
	}
}

func TestFlushByTime(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	host := fixture(t, db, "web1")
	w := NewWriter(Config{BatchSize: 1000, FlushEvery: 20 * time.Millisecond}, db, nil, nil, discard())
	start(t, w)
	for i := range 3 {
		if err := w.Submit(context.Background(), result(host, "test.cpu", t0.Add(time.Duration(i)*time.Second), 1, state.OK)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the partial batch", func() bool { return w.Stats().Written == 3 })
	if n := count(t, db, `SELECT count(*) FROM results`); n != 3 {
		t.Fatalf("%d results, want 3", n)
	}
}

func TestCloseFlushesEverythingAccepted(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	host := fixture(t, db, "web1")
	w := NewWriter(Config{BatchSize: 1000, FlushEvery: time.Hour}, db, nil, nil, discard())
	done := make(chan error, 1)
	go func() { done <- w.Run(context.Background()) }()
	for i := range 7 {
		if err := w.Submit(context.Background(), result(host, "test.cpu", t0.Add(time.Duration(i)*time.Second), 1, state.OK)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM results`); n != 7 {
		t.Fatalf("%d results after Close, want 7", n)
	}
	if err := w.Submit(context.Background(), result(host, "test.cpu", t0, 1, state.OK)); !errors.Is(err, ErrClosed) {
		t.Fatalf("Submit after Close: %v, want ErrClosed", err)
	}
}

func TestRejectedRowCostsOnlyItself(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	host := fixture(t, db, "web1")
	w := NewWriter(Config{BatchSize: 3, FlushEvery: time.Hour}, db, nil, NewSystemLog(db, discard()), discard())
	start(t, w)
	for _, r := range []Result{result(host, "test.cpu", t0, 1, state.OK), result(host+100, "test.cpu", t0, 1, state.OK),
		result(host, "test.disk", t0, 1, state.OK)} {
		if err := w.Submit(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the batch", func() bool { s := w.Stats(); return s.Written+s.Rejected == 3 })
	if s := w.Stats(); s.Written != 2 || s.Rejected != 1 {
		t.Fatalf("stats %+v, want 2 written, 1 rejected", s)
	}
	logs, err := storage.RecentSystemLog(context.Background(), db, "ingest", 10)
	if err != nil || len(logs) != 1 || !strings.Contains(logs[0].Message, "rejected") {
		t.Fatalf("system log %+v, %v; want one rejection", logs, err)
	}
}

// TestDeletedCheckKeepsResults: a result of a check deleted while it ran is
// stored, without a current state for the check that no longer exists.
func TestDeletedCheckKeepsResults(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	host := fixture(t, db, "web1")
	w := NewWriter(Config{BatchSize: 2, FlushEvery: time.Hour}, db, nil, nil, discard())
	start(t, w)
	gone := result(host, "test.cpu", t0, 1, state.OK)
	gone.Job.CheckID = 424242
	for _, r := range []Result{gone, result(host, "test.disk", t0, 1, state.OK)} {
		if err := w.Submit(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the batch", func() bool { s := w.Stats(); return s.Written+s.Rejected == 2 })
	if s := w.Stats(); s.Written != 2 {
		t.Fatalf("stats %+v, want both written", s)
	}
	if n := count(t, db, `SELECT count(*) FROM current_state`); n != 1 {
		t.Fatalf("%d current states, want only the pushed series", n)
	}
}
