package sched

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"
)

// oneCheck is an expansion where schedules 1 and 2 both run check 1
// (two hosts × one plugin).
func oneCheck() Expansion {
	return Expansion{
		ScheduleChecks: map[int64][]int64{1: {1}, 2: {1}},
		Checks:         map[int64]Check{1: {ID: 1, HostIDs: []int64{1, 2}, Plugins: []CheckPlugin{{PluginID: "cpu"}}}},
		Hosts:          map[int64]Host{1: {ID: 1, Name: "a"}, 2: {ID: 2, Name: "b"}},
	}
}

func newTestScheduler(t *testing.T, store Store, clock Clock) (*Scheduler, *fakeQueue, *bytes.Buffer) {
	t.Helper()
	q, logs := newFakeQueue(), &bytes.Buffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return New(Config{MaxLateness: 30 * time.Second}, store, q, clock, logger), q, logs
}

func TestSchedulerSeveralIntervalsFireScheduleOnce(t *testing.T) {
	t0 := at(t, "2026-01-01T10:00:00Z")
	store := newFakeStore(oneCheck(),
		Interval{ID: 1, ScheduleID: 1, Start: t0, Period: time.Minute, NextRun: t0.Add(time.Minute)},
		Interval{ID: 2, ScheduleID: 1, Start: t0, Period: 30 * time.Second, NextRun: t0.Add(time.Minute)},
		Interval{ID: 3, ScheduleID: 2, Start: t0, Period: time.Minute, NextRun: t0.Add(time.Minute)})
	clock := newFakeClock(t0.Add(time.Minute + time.Second))
	s, q, _ := newTestScheduler(t, store, clock)
	wake, err := s.Tick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	jobs := q.drain()
	if len(jobs) != 2 {
		t.Fatalf("jobs = %+v, want one per host", jobs)
	}
	for _, j := range jobs { // spread over the shorter period of the two due intervals
		if want := t0.Add(time.Minute + PhaseOffset(j.HostID, 1, 30*time.Second)); !j.Due.Equal(want) {
			t.Errorf("host %d due %s, want %s", j.HostID, j.Due, want)
		}
	}
	for id, want := range map[int64]time.Duration{1: 2 * time.Minute, 2: 90 * time.Second, 3: 2 * time.Minute} {
		if got := store.get(id).NextRun; !got.Equal(t0.Add(want)) {
			t.Errorf("interval %d next run %s, want %s", id, got, t0.Add(want))
		}
	}
	if !wake.Equal(t0.Add(62 * time.Second)) {
		t.Errorf("wake = %s, want one poll later", wake)
	}
}

func TestSchedulerRestart(t *testing.T) {
	t0 := at(t, "2026-01-01T10:00:00Z")
	tests := []struct {
		name     string
		restart  time.Duration // after the first run at t0
		maxLate  time.Duration // the schedule's own lateness
		wantJobs int
		wantLog  string
		wantNext time.Duration
	}{
		{name: "restart mid-period neither loses nor doubles", restart: 20 * time.Second, wantJobs: 0, wantNext: time.Minute},
		{name: "restart on time runs the due instant once", restart: 65 * time.Second, wantJobs: 2, wantNext: 2 * time.Minute},
		{name: "restart after a long outage skips and walks on", restart: 10*time.Minute + 40*time.Second, wantJobs: 0,
			wantLog: "skipped late run", wantNext: 11 * time.Minute},
		{name: "the schedule's own lateness overrides the default", restart: 10*time.Minute + 40*time.Second, maxLate: time.Hour,
			wantJobs: 2, wantNext: 11 * time.Minute},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store := newFakeStore(oneCheck(), Interval{ID: 1, ScheduleID: 1, Start: t0, Period: time.Minute, MaxLateness: tc.maxLate})
			clock := newFakeClock(t0)
			first, q, _ := newTestScheduler(t, store, clock)
			if _, err := first.Tick(context.Background()); err != nil || len(q.drain()) != 2 {
				t.Fatalf("first run: err %v", err)
			}
			clock.Set(t0.Add(tc.restart))
			second, q2, logs := newTestScheduler(t, store, clock)
			if _, err := second.Tick(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := len(q2.drain()); got != tc.wantJobs {
				t.Errorf("jobs after restart = %d, want %d", got, tc.wantJobs)
			}
			if tc.wantLog != "" && !strings.Contains(logs.String(), tc.wantLog) {
				t.Errorf("log lacks %q:\n%s", tc.wantLog, logs)
			}
			if got := store.get(1).NextRun; !got.Equal(t0.Add(tc.wantNext)) {
				t.Errorf("next run %s, want %s", got, t0.Add(tc.wantNext))
			}
		})
	}
}

func TestSchedulerLostRaceDoesNotFire(t *testing.T) {
	t0 := at(t, "2026-01-01T10:00:00Z")
	store := newFakeStore(oneCheck(), Interval{ID: 1, ScheduleID: 1, Start: t0, Period: time.Minute, NextRun: t0})
	store.beforeAdvance = func(s *fakeStore) { // another scheduler claimed it
		iv := s.ivs[1]
		iv.NextRun, iv.LastRun = t0.Add(time.Minute), t0
		s.ivs[1] = iv
	}
	s, q, _ := newTestScheduler(t, store, newFakeClock(t0.Add(time.Second)))
	if _, err := s.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if jobs := q.drain(); len(jobs) != 0 {
		t.Errorf("fired %d jobs for an interval another writer advanced", len(jobs))
	}
}

func TestSchedulerExpansionFailureRetries(t *testing.T) {
	t0 := at(t, "2026-01-01T10:00:00Z")
	store := newFakeStore(oneCheck(), Interval{ID: 1, ScheduleID: 1, Start: t0, Period: time.Minute, NextRun: t0})
	store.failExpansion = 1
	clock := newFakeClock(t0)
	s, q, _ := newTestScheduler(t, store, clock)
	if _, err := s.Tick(context.Background()); err == nil {
		t.Fatal("expansion failure not reported")
	}
	if got := store.get(1); !got.NextRun.Equal(t0) || len(q.drain()) != 0 {
		t.Fatalf("state moved on a failed pass: %+v", got)
	}
	clock.Set(t0.Add(time.Second))
	if _, err := s.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := len(q.drain()); got != 2 {
		t.Errorf("jobs on retry = %d, want 2", got)
	}
}

// TestSchedulerRunSurvivesErrors drives Run with the fake clock: failed
// passes are logged once as errors, the loop keeps going, jobs arrive on
// time, and cancelling ctx ends Run with nil.
func TestSchedulerRunSurvivesErrors(t *testing.T) {
	t0 := at(t, "2026-01-01T10:00:00.5Z")
	store := newFakeStore(oneCheck(), Interval{ID: 1, ScheduleID: 1, Start: t0.Add(2 * time.Second), Period: time.Second})
	store.failIntervals = 2
	clock := newFakeClock(t0)
	s, q, logs := newTestScheduler(t, store, clock)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	receive(t, clock.sleeping, 1) // the failed passes at t0 and t0+1s
	clock.Set(t0.Add(time.Second))
	receive(t, clock.sleeping, 1)
	for i := 2; i <= 5; i++ {
		clock.Set(t0.Add(time.Duration(i) * time.Second))
		receive(t, clock.sleeping, 1)
	}
	jobs := q.drain()
	if len(jobs) != 8 { // instants t0+2s … t0+5s × two hosts
		t.Errorf("jobs = %d, want 8", len(jobs))
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run returned %v on shutdown", err)
	}
	lines := strings.Split(logs.String(), "\n")
	for _, want := range [][]string{{"level=ERROR", `msg="scheduler pass failed"`}, {"level=DEBUG", "failed again", "failed_passes=2"},
		{"level=INFO", "succeed again", "failed_passes=2"}} {
		if !slices.ContainsFunc(lines, func(l string) bool {
			return !slices.ContainsFunc(want, func(w string) bool { return !strings.Contains(l, w) })
		}) {
			t.Errorf("no log line with %q:\n%s", want, logs.String())
		}
	}
}

// TestSchedulerIdlePassWritesNothing: a pass where nothing is due must not
// touch the database, whatever location the start time was given in.
func TestSchedulerIdlePassWritesNothing(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	t0 := at(t, "2026-01-01T10:00:00Z")
	store := newFakeStore(oneCheck(), Interval{ID: 1, ScheduleID: 1, Start: t0.In(berlin), Period: time.Minute,
		NextRun: t0.Add(time.Minute), LastRun: t0})
	s, q, _ := newTestScheduler(t, store, newFakeClock(t0.Add(10*time.Second)))
	for range 3 {
		if _, err := s.Tick(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if store.advances != 0 || len(q.drain()) != 0 {
		t.Errorf("idle passes wrote %d times", store.advances)
	}
}
