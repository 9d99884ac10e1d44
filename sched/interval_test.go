package sched

import (
	"math/rand/v2"
	"testing"
	"time"
)

func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestIntervalStep(t *testing.T) {
	const minute = time.Minute
	tests := []struct {
		name              string
		start, next, last string
		period            time.Duration
		now               string
		maxLate           time.Duration
		wantFire, wantSkp bool
		wantNext          string
		wantLast          string
	}{
		{name: "new, start in the future: first run at start", start: "2026-01-01T10:00:00Z", period: minute, now: "2026-01-01T09:00:00Z", wantNext: "2026-01-01T10:00:00Z"},
		{name: "new, start in the past: next whole period, no fire", start: "2026-01-01T10:00:30Z", period: minute, now: "2026-01-01T11:05:10Z", wantNext: "2026-01-01T11:05:30Z"},
		{name: "new, exactly on a run instant: fires", start: "2026-01-01T10:00:00Z", period: minute, now: "2026-01-01T10:03:00Z", wantFire: true, wantNext: "2026-01-01T10:04:00Z", wantLast: "2026-01-01T10:03:00Z"},
		{name: "due within lateness fires", start: "2026-01-01T10:00:00Z", next: "2026-01-01T10:05:00Z", period: minute, now: "2026-01-01T10:05:02Z", maxLate: 5 * time.Second, wantFire: true, wantNext: "2026-01-01T10:06:00Z", wantLast: "2026-01-01T10:05:00Z"},
		{name: "due past lateness is skipped but walks forward", start: "2026-01-01T10:00:00Z", next: "2026-01-01T10:05:00Z", period: minute, now: "2026-01-01T10:05:30Z", maxLate: 5 * time.Second, wantSkp: true, wantNext: "2026-01-01T10:06:00Z", wantLast: "2026-01-01T10:05:00Z"},
		{name: "restart before the due time keeps next run", start: "2026-01-01T10:00:00Z", next: "2026-01-01T10:05:00Z", last: "2026-01-01T10:04:00.2Z", period: minute, now: "2026-01-01T10:04:40Z", wantNext: "2026-01-01T10:05:00Z", wantLast: "2026-01-01T10:04:00.2Z"},
		{name: "outage of many periods within lateness fires once", start: "2026-01-01T10:00:00Z", next: "2026-01-01T10:05:00Z", period: minute, now: "2026-01-01T10:14:30Z", maxLate: time.Hour, wantFire: true, wantNext: "2026-01-01T10:15:00Z", wantLast: "2026-01-01T10:05:00Z"},
		{name: "edited period: off-grid next run recomputed without firing", start: "2026-01-01T10:00:00Z", next: "2026-01-01T10:05:00Z", period: 7 * minute, now: "2026-01-01T10:04:00Z", wantNext: "2026-01-01T10:07:00Z"},
		{name: "edited shorter period: earlier run instant taken", start: "2026-01-01T10:00:00Z", next: "2026-01-01T11:00:00Z", period: minute, now: "2026-01-01T10:04:10Z", wantNext: "2026-01-01T10:05:00Z"},
		{name: "edited start in the past with stale next run: no fire", start: "2026-01-01T10:00:20Z", next: "2026-01-01T10:03:00Z", period: minute, now: "2026-01-01T10:03:01Z", maxLate: time.Minute, wantNext: "2026-01-01T10:03:20Z"},
		{name: "clock stepped back to just before the last due time: no double run", start: "2026-01-01T10:00:00Z", next: "2026-01-01T10:06:00Z", last: "2026-01-01T10:05:00Z", period: minute, now: "2026-01-01T10:04:59.9Z", wantNext: "2026-01-01T10:06:00Z", wantLast: "2026-01-01T10:05:00Z"},
		{name: "clock stepped back after a run: no double run", start: "2026-01-01T10:00:00Z", next: "2026-01-01T10:06:00Z", last: "2026-01-01T10:05:00.5Z", period: minute, now: "2026-01-01T10:04:30Z", wantNext: "2026-01-01T10:06:00Z", wantLast: "2026-01-01T10:05:00.5Z"},
		{name: "next run not after last run is recomputed", start: "2026-01-01T10:00:00Z", next: "2026-01-01T10:05:00Z", last: "2026-01-01T10:05:00Z", period: minute, now: "2026-01-01T10:05:00Z", wantNext: "2026-01-01T10:06:00Z", wantLast: "2026-01-01T10:05:00Z"},
		{name: "huge gap: start in year 1", start: "0001-01-01T00:00:00Z", period: time.Hour, now: "2026-06-01T12:30:00Z", wantNext: "2026-06-01T13:00:00Z"},
		{name: "huge gap: due 500 years ago is skipped", start: "1500-01-01T00:00:00Z", next: "1526-01-01T00:00:00Z", period: 24 * time.Hour, now: "2026-06-01T12:30:00Z", maxLate: time.Hour, wantSkp: true, wantNext: "2026-06-02T00:00:00Z", wantLast: "1526-01-01T00:00:00Z"},
		{name: "DST night in Europe changes nothing (UTC)", start: "2026-03-29T00:30:00+01:00", period: time.Hour, now: "2026-03-29T03:10:00+02:00", wantNext: "2026-03-29T01:30:00Z"},
		{name: "sub-second period", start: "2026-01-01T10:00:00Z", next: "2026-01-01T10:00:00.25Z", period: 250 * time.Millisecond, now: "2026-01-01T10:00:00.3Z", maxLate: time.Second, wantFire: true, wantNext: "2026-01-01T10:00:00.5Z", wantLast: "2026-01-01T10:00:00.25Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			iv := Interval{ID: 1, Start: at(t, tc.start), Period: tc.period}
			if tc.next != "" {
				iv.NextRun = at(t, tc.next)
			}
			if tc.last != "" {
				iv.LastRun = at(t, tc.last)
			}
			got, d := iv.Step(at(t, tc.now), tc.maxLate)
			if d.Fire != tc.wantFire || d.Skipped != tc.wantSkp {
				t.Errorf("decision = %+v, want fire=%v skipped=%v", d, tc.wantFire, tc.wantSkp)
			}
			if !got.NextRun.Equal(at(t, tc.wantNext)) {
				t.Errorf("next run = %s, want %s", got.NextRun, tc.wantNext)
			}
			if tc.wantLast == "" && !got.LastRun.IsZero() || tc.wantLast != "" && !got.LastRun.Equal(at(t, tc.wantLast)) {
				t.Errorf("last run = %s, want %q", got.LastRun, tc.wantLast)
			}
		})
	}
}

// TestIntervalWalkFiresEveryInstantOnce ticks two intervals of one schedule
// every 300 ms with jitter for an hour and checks that every run instant
// fired exactly once, at or after its time.
func TestIntervalWalkFiresEveryInstantOnce(t *testing.T) {
	base := at(t, "2026-01-01T00:00:00Z")
	ivs := []Interval{
		{ID: 1, Start: base.Add(5 * time.Second), Period: 10 * time.Second},
		{ID: 2, Start: base.Add(-time.Hour), Period: 15 * time.Second},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	fired := map[int64][]time.Time{}
	for now := base; now.Before(base.Add(time.Hour)); now = now.Add(time.Duration(200+rng.IntN(200)) * time.Millisecond) {
		for i := range ivs {
			var d Decision
			ivs[i], d = ivs[i].Step(now, time.Second)
			if d.Skipped {
				t.Fatalf("interval %d skipped at %s", ivs[i].ID, now)
			}
			if d.Fire {
				if now.Before(d.Due) || now.Sub(d.Due) > 400*time.Millisecond {
					t.Fatalf("interval %d fired at %s for %s", ivs[i].ID, now, d.Due)
				}
				fired[ivs[i].ID] = append(fired[ivs[i].ID], d.Due)
			}
		}
	}
	for _, tc := range []struct {
		id    int64
		first time.Time
		every time.Duration
		count int
	}{{1, base.Add(5 * time.Second), 10 * time.Second, 360}, {2, base, 15 * time.Second, 240}} {
		got := fired[tc.id]
		if len(got) < tc.count-1 || len(got) > tc.count {
			t.Fatalf("interval %d fired %d times, want %d", tc.id, len(got), tc.count)
		}
		for i, due := range got {
			if want := tc.first.Add(time.Duration(i) * tc.every); !due.Equal(want) {
				t.Fatalf("interval %d run %d due %s, want %s", tc.id, i, due, want)
			}
		}
	}
}

// TestAtOrAfterFarAgreesWithFastPath checks the big-integer path against
// the int64 one on random values both can handle.
func TestAtOrAfterFarAgreesWithFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		iv := Interval{
			Start:  time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).UTC(),
			Period: time.Duration(1 + rng.Int64N(int64(48*time.Hour))),
		}
		now := iv.Start.Add(time.Duration(rng.Int64N(int64(100 * 365 * 24 * time.Hour))))
		fast, far := iv.atOrAfter(now), iv.atOrAfterFar(now)
		if !fast.Equal(far) || fast.Before(now) || !iv.onGrid(fast) || fast.Add(-iv.Period).After(now) && !fast.Equal(iv.Start) {
			t.Fatalf("start %s period %s now %s: fast %s far %s", iv.Start, iv.Period, now, fast, far)
		}
	}
}

func TestIntervalValidate(t *testing.T) {
	for _, p := range []time.Duration{0, -time.Second} {
		if err := (Interval{Period: p}).Validate(); err == nil {
			t.Errorf("period %s accepted", p)
		}
	}
	if err := (Interval{Period: time.Second}).Validate(); err != nil {
		t.Errorf("valid interval refused: %v", err)
	}
}

func BenchmarkIntervalStep(b *testing.B) {
	iv := Interval{Start: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Period: time.Minute}
	now := time.Date(2026, 1, 1, 0, 0, 30, 0, time.UTC)
	for b.Loop() {
		iv, _ = iv.Step(now, time.Second)
		now = now.Add(time.Minute)
	}
}

func BenchmarkIntervalStepHugeGap(b *testing.B) {
	iv := Interval{Start: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), Period: time.Minute}
	now := time.Date(2026, 1, 1, 0, 0, 30, 0, time.UTC)
	for b.Loop() {
		iv.NextRun = time.Time{}
		_, _ = iv.Step(now, time.Second)
	}
}
