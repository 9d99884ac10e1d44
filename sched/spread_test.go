package sched

import (
	"testing"
	"time"
)

func TestSpreadWindow(t *testing.T) {
	tests := []struct {
		name   string
		cfg    Config
		period time.Duration
		want   time.Duration
	}{
		{name: "short period: all of it", period: 5 * time.Second, want: 5 * time.Second},
		{name: "long period: the default bound", period: time.Hour, want: DefaultMaxSpread},
		{name: "own bound", cfg: Config{MaxSpread: time.Second}, period: time.Minute, want: time.Second},
		{name: "off", cfg: Config{MaxSpread: -1}, period: time.Minute, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.cfg.SpreadWindow(tc.period); got != tc.want {
				t.Errorf("SpreadWindow(%s) = %s, want %s", tc.period, got, tc.want)
			}
		})
	}
}

// TestPhaseOffsetSpreadsEvenly: B7's 10,000 hosts over a 5 s period land
// in every tenth of it within 10 % of the even share, each host always at
// the same offset, none outside the window.
func TestPhaseOffsetSpreadsEvenly(t *testing.T) {
	const window, buckets, hosts = 5 * time.Second, 10, 10000
	var counts [buckets]int
	for h := range int64(hosts) {
		off := PhaseOffset(h+1, 3, window)
		if off < 0 || off >= window {
			t.Fatalf("offset %s outside [0, %s)", off, window)
		}
		if again := PhaseOffset(h+1, 3, window); again != off {
			t.Fatalf("offset of host %d moved from %s to %s", h+1, off, again)
		}
		counts[off*buckets/window]++
	}
	for i, c := range counts {
		if share := float64(c) / (hosts / buckets); share < 0.9 || share > 1.1 {
			t.Errorf("tenth %d of the period holds %d hosts (%.2f of an even share)", i, c, share)
		}
	}
	if PhaseOffset(1, 1, 0) != 0 {
		t.Error("no window must mean no offset")
	}
	if PhaseOffset(1, 1, time.Hour) == PhaseOffset(1, 2, time.Hour) {
		t.Error("two checks of one host share a phase")
	}
}

// TestSchedulerSpreadsJobs: a fired schedule's jobs are due at the
// instant plus each series' offset, or at the instant with spreading off.
func TestSchedulerSpreadsJobs(t *testing.T) {
	t0 := at(t, "2026-01-01T10:00:00Z")
	for _, tc := range []struct {
		name   string
		spread time.Duration
		window time.Duration
	}{
		{name: "spread over the period", window: time.Minute},
		{name: "bounded", spread: 10 * time.Second, window: 10 * time.Second},
		{name: "off", spread: -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newFakeStore(oneCheck(), Interval{ID: 1, ScheduleID: 1, Start: t0, Period: time.Minute})
			q := newFakeQueue()
			s := New(Config{MaxSpread: tc.spread}, store, q, newFakeClock(t0), discard())
			if _, err := s.Tick(t.Context()); err != nil {
				t.Fatal(err)
			}
			jobs := q.drain()
			if len(jobs) != 2 {
				t.Fatalf("%d jobs", len(jobs))
			}
			for _, j := range jobs {
				if want := t0.Add(PhaseOffset(j.HostID, j.CheckID, tc.window)); !j.Due.Equal(want) {
					t.Errorf("host %d due %s, want %s", j.HostID, j.Due, want)
				}
			}
			if tc.window > 0 && jobs[0].Due.Equal(jobs[1].Due) {
				t.Error("both hosts due at the same instant")
			}
		})
	}
}
