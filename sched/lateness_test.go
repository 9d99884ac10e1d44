package sched

import (
	"context"
	"testing"
	"time"
)

func TestLateBucket(t *testing.T) {
	tests := []struct {
		name string
		late time.Duration
		want time.Duration // the bound of the bucket it lands in
	}{
		{name: "early (a shutdown ran it)", late: -time.Second, want: time.Millisecond},
		{name: "on time", late: 0, want: time.Millisecond},
		{name: "exactly a bound", late: LateBound(10), want: LateBound(10)},
		{name: "just past a bound", late: LateBound(10) + 1, want: LateBound(11)},
		{name: "a second", late: time.Second, want: LateBound(31)},
		{name: "beyond the last bound", late: time.Hour, want: LateBound(LateBuckets - 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := lateBucket(tc.late)
			if got := LateBound(i); got != tc.want {
				t.Errorf("bucket of %s has bound %s, want %s", tc.late, got, tc.want)
			}
			if tc.late > time.Millisecond && tc.late < LateBound(LateBuckets-1) && (tc.late > LateBound(i) || tc.late <= LateBound(i-1)) {
				t.Errorf("%s not within (%s, %s]", tc.late, LateBound(i-1), LateBound(i))
			}
		})
	}
}

func TestLatenessQuantile(t *testing.T) {
	var l Lateness
	for range 98 {
		l[lateBucket(10*time.Millisecond)]++
	}
	l[lateBucket(2*time.Second)]++
	l[lateBucket(4*time.Second)]++
	earlier := l
	earlier[lateBucket(4*time.Second)]--
	for _, tc := range []struct {
		name string
		l    Lateness
		q    float64
		min  time.Duration
		max  time.Duration
	}{
		{name: "median", l: l, q: 0.5, min: 10 * time.Millisecond, max: 12500 * time.Microsecond},
		{name: "p99", l: l, q: 0.99, min: 2 * time.Second, max: 2500 * time.Millisecond},
		{name: "max", l: l, q: 1, min: 4 * time.Second, max: 5 * time.Second},
		{name: "window", l: l.Minus(earlier), q: 0.5, min: 4 * time.Second, max: 5 * time.Second},
		{name: "empty", l: Lateness{}, q: 0.99},
	} {
		if got := tc.l.Quantile(tc.q); got < tc.min || got > tc.max {
			t.Errorf("%s: %s, want within [%s, %s]", tc.name, got, tc.min, tc.max)
		}
	}
}

// TestDispatcherCountsLateness: runs are counted by how late they started
// past their own due time.
func TestDispatcherCountsLateness(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	run, sink := newFakeRunner(), newFakeSink()
	d := NewDispatcher(DispatchConfig{}, run, sink, quietClock(t0), discard())
	late := job(1, "late")
	late.Due = t0.Add(-3 * time.Second)
	onTime := job(2, "now")
	onTime.Due = t0
	for _, j := range []Job{late, onTime, job(3, "no due")} {
		if err := d.Enqueue(j); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	l := d.Stats().Late
	if l[0] != 1 || l[lateBucket(3*time.Second)] != 1 || l.Quantile(1) < 3*time.Second {
		t.Errorf("lateness = %v", l)
	}
}
