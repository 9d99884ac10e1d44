package ingest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// TestLatestResultWaitsForTheStateFlush: a result that changes no
// classification reaches current_state at the state flush (here only at
// Close), one that changes it or starts a series in its own batch.
func TestLatestResultWaitsForTheStateFlush(t *testing.T) {
	t.Parallel()
	db, host, w := cacheTest(t, Config{BatchSize: 1, FlushEvery: time.Hour, StateFlushEvery: time.Hour})
	ctx := context.Background()
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	series := storage.Series{HostID: host, PluginID: "test.cpu"}
	steps := []struct {
		r           Result
		value       float64 // in current_state after the batch
		class       state.State
		time, since int
	}{
		{result(host, "test.cpu", at(0), 1, state.OK), 1, state.OK, 0, 0},             // new series
		{result(host, "test.cpu", at(1), 2, state.OK), 1, state.OK, 0, 0},             // waits
		{result(host, "test.cpu", at(2), 3, state.Critical), 3, state.Critical, 2, 2}, // change
		{result(host, "test.cpu", at(3), 4, state.Critical), 3, state.Critical, 2, 2}, // waits
	}
	for i, s := range steps {
		if err := w.Submit(ctx, s.r); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "batch", func() bool { return w.Stats().Written == int64(i+1) })
		got := currentState(t, db, series)
		if *got.Value != s.value || got.Classification != s.class || !got.Time.Equal(at(s.time)) || !got.Since.Equal(at(s.since)) {
			t.Fatalf("after result %d: current state %+v, want value %v, %s, time minute %d since minute %d",
				i, got, s.value, s.class, s.time, s.since)
		}
	}
	if err := w.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if got := currentState(t, db, series); *got.Value != 4 || !got.Time.Equal(at(3)) || !got.Since.Equal(at(2)) {
		t.Fatalf("after Close: current state %+v, want the last result, critical since minute 2", got)
	}
}

// TestStatesFlushWhileRunning: with no more results coming, the latest
// ones reach current_state within StateFlushEvery, not only at shutdown.
func TestStatesFlushWhileRunning(t *testing.T) {
	t.Parallel()
	db, host, w := cacheTest(t, Config{BatchSize: 1, FlushEvery: 10 * time.Millisecond, StateFlushEvery: 20 * time.Millisecond})
	ctx := context.Background()
	for m, v := range []float64{1, 2, 3} {
		if err := w.Submit(ctx, result(host, "test.disk", t0.Add(time.Duration(m)*time.Minute), v, state.OK)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the batches", func() bool { return w.Stats().Written == 3 })
	series := storage.Series{HostID: host, PluginID: "test.disk"}
	waitFor(t, "the last result in current_state", func() bool { return *currentState(t, db, series).Value == 3 })
}

// TestAnotherWriterIsNoticed: a writer whose cached state another writer
// (another core) changed never records a change from its stale copy. A
// change it derives is checked against the stored row and derived again
// under lock; a result it takes for no change is caught at the state
// flush and the next result is derived from the stored row, so the
// change is recorded one result late.
func TestAnotherWriterIsNoticed(t *testing.T) {
	t.Parallel()
	db, host, w := cacheTest(t, Config{BatchSize: 1, FlushEvery: time.Hour, StateFlushEvery: time.Nanosecond})
	ctx := context.Background()
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	series := storage.Series{HostID: host, PluginID: "test.cpu"}
	written := 0
	submit := func(m int, st state.State) {
		t.Helper()
		if err := w.Submit(ctx, result(host, "test.cpu", at(m), float64(m), st)); err != nil {
			t.Fatal(err)
		}
		written++
		waitFor(t, "batch", func() bool { return w.Stats().Written == int64(written) })
		waitFor(t, "state flush", func() bool { return !currentState(t, db, series).Time.Before(at(m)) })
	}
	elsewhere := func(m int, st state.State) { // the other core's result
		t.Helper()
		v := float64(m)
		cs := storage.CurrentState{Series: series, Time: at(m), Value: &v, Status: "ok", Classification: st, Since: at(m)}
		if err := storage.UpsertCurrentStates(ctx, db, []storage.CurrentState{cs}); err != nil {
			t.Fatal(err)
		}
	}

	submit(0, state.OK)
	elsewhere(1, state.Critical)
	submit(2, state.Critical) // the cache says ok > critical; the row says no change
	elsewhere(3, state.OK)
	submit(4, state.OK) // the cache says critical > ok; the row says no change
	elsewhere(5, state.Critical)
	if err := w.Submit(ctx, result(host, "test.cpu", at(6), 6, state.OK)); err != nil {
		t.Fatal(err)
	}
	written++
	waitFor(t, "batch", func() bool { return w.Stats().Written == int64(written) })
	submit(7, state.OK) // the flush after minute 6 found the row changed

	if got, want := stateChangeLog(t, db, host, "test.cpu"), []string{"no_data>ok@0s", "critical>ok@7m0s"}; !slices.Equal(got, want) {
		t.Fatalf("state changes %v, want %v", got, want)
	}
	if cs := currentState(t, db, series); cs.Classification != state.OK || !cs.Since.Equal(at(7)) {
		t.Fatalf("current state %+v, want ok since minute 7", cs)
	}
}

// TestForgetHosts: once told its scheduler took a host over, the writer
// derives that host's next result from the stored row, so a change the
// other process recorded is followed at once, not one result late.
func TestForgetHosts(t *testing.T) {
	t.Parallel()
	db, host, w := cacheTest(t, Config{BatchSize: 1, FlushEvery: time.Hour, StateFlushEvery: time.Hour})
	ctx := context.Background()
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	if err := w.Submit(ctx, result(host, "test.cpu", at(0), 0, state.OK)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "batch", func() bool { return w.Stats().Written == 1 })
	v := 1.0
	other := storage.CurrentState{Series: storage.Series{HostID: host, PluginID: "test.cpu"}, Time: at(1), Value: &v,
		Status: "ok", Classification: state.Critical, Since: at(1)}
	if err := storage.UpsertCurrentStates(ctx, db, []storage.CurrentState{other}); err != nil {
		t.Fatal(err)
	}
	w.ForgetHosts([]int64{host})
	if err := w.Submit(ctx, result(host, "test.cpu", at(2), 2, state.OK)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "batch", func() bool { return w.Stats().Written == 2 })
	if got, want := stateChangeLog(t, db, host, "test.cpu"), []string{"no_data>ok@0s", "critical>ok@2m0s"}; !slices.Equal(got, want) {
		t.Fatalf("state changes %v, want %v", got, want)
	}
}

// TestCheckDeletedWhileCached: a check deleted after the writer cached its
// series (its current_state row went with it) neither blocks the writer
// nor comes back: the change is detected as stale, derived again from the
// rows, and the result is stored without a current state.
func TestCheckDeletedWhileCached(t *testing.T) {
	t.Parallel()
	db, host, w := cacheTest(t, Config{BatchSize: 1, FlushEvery: time.Hour, StateFlushEvery: time.Hour})
	ctx := context.Background()
	var check int64
	if err := db.QueryRow(ctx, `INSERT INTO checks (name) VALUES ('cpu') RETURNING id`).Scan(&check); err != nil {
		t.Fatal(err)
	}
	for i, st := range []state.State{state.OK, state.Critical} {
		if i == 1 {
			if _, err := db.Exec(ctx, `DELETE FROM checks WHERE id = $1`, check); err != nil {
				t.Fatal(err)
			}
		}
		r := result(host, "test.cpu", t0.Add(time.Duration(i)*time.Minute), float64(i), st)
		r.Job.CheckID = check
		if err := w.Submit(ctx, r); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "batch", func() bool { s := w.Stats(); return s.Written+s.Rejected+s.Retries > int64(i) })
	}
	if s := w.Stats(); s.Written != 2 || s.Retries != 0 {
		t.Fatalf("stats %+v, want both written at the first attempt", s)
	}
	if n := count(t, db, `SELECT count(*) FROM current_state`); n != 0 {
		t.Fatalf("%d current states, want none for a deleted check", n)
	}
	if n := count(t, db, `SELECT count(*) FROM results WHERE check_id = $1`, check); n != 2 {
		t.Fatalf("%d results of the deleted check, want both kept", n)
	}
}

// cacheTest starts a writer with cfg on a database with one host.
func cacheTest(t *testing.T, cfg Config) (*pgxpool.Pool, int64, *Writer) {
	t.Helper()
	db := pgtest.Plain(t)
	host := fixture(t, db, "web1")
	w := NewWriter(cfg, db, nil, nil, discard())
	start(t, w)
	return db, host, w
}

func currentState(t testing.TB, db *pgxpool.Pool, s storage.Series) storage.CurrentState {
	t.Helper()
	cs, err := storage.LockCurrentStates(context.Background(), db, []storage.Series{s})
	if err != nil {
		t.Fatal(err)
	}
	got, ok := cs[s]
	if !ok {
		t.Fatalf("no current state for %+v", s)
	}
	return got
}

// TestStateCacheRoundTrip: what lookup gives back is what derive and the
// conditional writes need, exactly (time and since to the nanosecond),
// and eviction keeps a series whose latest result is not written yet.
func TestStateCacheRoundTrip(t *testing.T) {
	now := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	c := newStateCache(now)
	v := 2.5
	clean := storage.CurrentState{Series: storage.Series{HostID: 1, PluginID: "test.cpu", CheckID: 7},
		Time: now.Add(123456789), Value: &v, Message: "m", Status: "ok", Classification: state.Major,
		Since: now.Add(-time.Hour + 1)}
	dirty := clean
	dirty.Series.CheckID, dirty.Classification = 8, state.Unknown
	c.remember([]storage.CurrentState{clean, dirty}, map[storage.Series]storage.CurrentState{clean.Series: clean}, now)

	prev, unknown := c.lookup([]storage.Series{clean.Series, dirty.Series, {HostID: 2, PluginID: "test.cpu"}})
	if len(unknown) != 1 || unknown[0].HostID != 2 {
		t.Fatalf("unknown %v, want host 2's series only", unknown)
	}
	for _, want := range []storage.CurrentState{clean, dirty} {
		got := prev[want.Series]
		if !got.Time.Equal(want.Time) || !got.Since.Equal(want.Since) || got.Classification != want.Classification {
			t.Errorf("lookup %+v = time %s since %s %s; want %s %s %s", want.Series, got.Time, got.Since,
				got.Classification, want.Time, want.Since, want.Classification)
		}
	}
	if p := c.pending(); len(p) != 1 || p[0].Series != dirty.Series || *p[0].Value != 2.5 {
		t.Fatalf("pending %+v, want the dirty series with its value", p)
	}

	c.evictIdle(now.Add(stateIdle + time.Minute))
	if _, unknown := c.lookup([]storage.Series{clean.Series, dirty.Series}); len(unknown) != 1 || unknown[0] != clean.Series {
		t.Fatalf("after eviction unknown %v, want only the clean series gone", unknown)
	}
	c.flushed(c.pending(), []storage.Series{dirty.Series})
	if c.dirty() != 0 {
		t.Fatalf("%d dirty after a full flush", c.dirty())
	}
}
