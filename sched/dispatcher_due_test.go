package sched

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// quietClock is a fakeClock whose sleeps are not reported (the dispatcher
// sleeps whenever it likes; only its wake-ups matter here).
func quietClock(now time.Time) *fakeClock {
	c := newFakeClock(now)
	c.sleeping = make(chan time.Duration, 1<<16)
	return c
}

// TestDispatcherWaitsForDue: a job runs once its Due time has come, not
// before, in due order per host, while hosts stay independent.
func TestDispatcherWaitsForDue(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	clock := quietClock(t0)
	run, sink := newFakeRunner(), newFakeSink()
	d := NewDispatcher(DispatchConfig{}, run, sink, clock, discard())
	due := func(host int64, plugin string, after time.Duration) Job {
		j := job(host, plugin)
		j.Due = t0.Add(after)
		return j
	}
	for _, j := range []Job{due(1, "late", 3*time.Second), due(1, "soon", time.Second), due(2, "now", 0), due(2, "soon", time.Second)} {
		if err := d.Enqueue(j); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		at   time.Duration
		want []string // host/plugin started by then, in order per host
	}{
		{0, []string{"2/now"}},
		{999 * time.Millisecond, nil},
		{time.Second, []string{"1/soon", "2/soon"}},
		{2 * time.Second, nil},
		{3 * time.Second, []string{"1/late"}},
	}
	for _, st := range steps {
		clock.Set(t0.Add(st.at))
		got := map[string]bool{}
		for _, r := range receive(t, sink.got, len(st.want)) {
			got[fmt.Sprint(r.Job.HostID, "/", r.Job.PluginID)] = true
			if r.Time.Before(r.Job.Due) {
				t.Errorf("%s started at %s, before its due time %s", r.Job.PluginID, r.Time, r.Job.Due)
			}
		}
		for _, w := range st.want {
			if !got[w] {
				t.Errorf("at +%s: %s did not run (ran %v)", st.at, w, got)
			}
		}
		select {
		case r := <-sink.got:
			t.Errorf("at +%s: %d/%s ran early", st.at, r.Job.HostID, r.Job.PluginID)
		case <-time.After(20 * time.Millisecond):
		}
	}
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s := d.Stats(); s.Completed != 4 || s.Hosts != 0 {
		t.Errorf("stats = %+v", s)
	}
}

// TestDispatcherShutdownLeavesJobsNotDue: a graceful stop runs the jobs
// that are due (late ones included) and leaves those whose time has not
// come: with shared scheduling another core runs them at their due time,
// and running them early here would store that instant twice.
func TestDispatcherShutdownLeavesJobsNotDue(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	run, sink := newFakeRunner(), newFakeSink()
	d := NewDispatcher(DispatchConfig{}, run, sink, quietClock(t0), discard())
	for h := range int64(10) {
		j := job(h%5, "cpu")
		j.Due = t0.Add(time.Duration(h-4) * time.Minute) // hosts 0-4: 4 min late .. due now; hosts 0-4 again: not due
		if h >= 5 {
			j.PluginID = "disk"
		}
		if err := d.Enqueue(j); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := receive(t, sink.got, 5)
	for _, r := range got {
		if r.Job.Due.After(t0) {
			t.Errorf("job due at %s ran at shutdown (now %s)", r.Job.Due, t0)
		}
	}
	select {
	case r := <-sink.got:
		t.Errorf("a job not due ran at shutdown: %+v", r.Job)
	default:
	}
	if s := d.Stats(); s.Dropped != 0 || s.Completed != 5 {
		t.Errorf("stats after shutdown: %+v, want 5 completed and none dropped", s)
	}
}

// TestDispatcherMaxRunning: with more hosts due than MaxRunning, no more
// checks than that are in flight, and every host still gets its runs.
func TestDispatcherMaxRunning(t *testing.T) {
	run, sink := newFakeRunner(), newFakeSink()
	gate := make(chan struct{})
	const hosts, limit = 40, 8
	for h := range int64(hosts) {
		run.gates[h] = gate
	}
	d := NewDispatcher(DispatchConfig{MaxRunning: limit}, run, sink, System{}, discard())
	for h := range int64(hosts) {
		for _, p := range []string{"a", "b"} {
			if err := d.Enqueue(job(h, p)); err != nil {
				t.Fatal(err)
			}
		}
	}
	receive(t, run.started, limit)
	select {
	case j := <-run.started:
		t.Fatalf("host %d started beyond the bound of %d", j.HostID, limit)
	case <-time.After(20 * time.Millisecond):
	}
	close(gate)
	receive(t, sink.got, 2*hosts)
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := run.maxTotal.Load(); got != limit {
		t.Errorf("max in flight = %d, want %d", got, limit)
	}
	if got := run.maxHost.Load(); got != 1 {
		t.Errorf("max in flight for one host = %d, want 1", got)
	}
}
