package historytest

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/state"
)

func checkLast(t *testing.T, h classify.History) {
	got, err := h.Last(t.Context(), Key, minute(29), 3)
	if err != nil {
		t.Fatal(err)
	}
	// strictly before minute 29: minutes 30 (no value), 31, 32, newest first
	if len(got) != 3 || !got[0].Time.Equal(minute(30)) || got[0].Value != nil || got[0].Message != "m30" ||
		!got[1].Time.Equal(minute(31)) || got[1].Value == nil || *got[1].Value != 59 {
		t.Fatalf("Last(before minute 29, 3) = %s", describe(got))
	}
	if got, _ := h.Last(t.Context(), Key, minute(90), 5); len(got) != 0 {
		t.Fatalf("Last before the first result = %s, want none", describe(got))
	}
}

func checkValues(t *testing.T, h classify.History) {
	r := classify.Range{From: minute(35), To: minute(25)}
	got, err := h.Values(t.Context(), Key, r, 100)
	if err != nil {
		t.Fatal(err)
	}
	// [35, 25): minutes 35..26 without 30 = 9 points, oldest first, 55..64
	if len(got) != 9 || !got[0].Time.Equal(minute(35)) || *got[0].Value != 55 || *got[8].Value != 64 {
		t.Fatalf("Values([35m, 25m) ago) = %s", describe(got))
	}
	limited, err := h.Values(t.Context(), Key, r, 3)
	if err != nil || len(limited) != 3 || *limited[0].Value != 62 || *limited[2].Value != 64 {
		t.Fatalf("Values with limit 3 = %s, %v; want the newest three (62, 63, 64), oldest first", describe(limited), err)
	}
}

func checkAggregate(t *testing.T, h classify.History) {
	agg, err := h.Aggregate(t.Context(), Key, classify.Range{From: minute(10), To: Base})
	if err != nil {
		t.Fatal(err)
	}
	// minutes 10..1: values 80..89
	want := classify.Aggregate{Avg: 84.5, Min: 80, Max: 89, Sum: 845, Count: 10}
	if !approx(agg.Avg, want.Avg) || agg.Min != want.Min || agg.Max != want.Max || !approx(agg.Sum, want.Sum) || agg.Count != want.Count {
		t.Fatalf("Aggregate(last 10 minutes) = %+v, want %+v", agg, want)
	}
	if empty, err := h.Aggregate(t.Context(), Key, classify.Range{From: Base, To: Base.Add(time.Hour)}); err != nil || empty.Count != 0 {
		t.Fatalf("Aggregate of an empty range = %+v, %v", empty, err)
	}
}

func checkPercentile(t *testing.T, h classify.History) {
	r := classify.Range{From: minute(10), To: Base}
	for _, tt := range []struct{ p, want float64 }{{0.5, 84.5}, {0, 80}, {1, 89}, {0.9, 88.1}} {
		got, ok, err := h.Percentile(t.Context(), Key, tt.p, r)
		if err != nil || !ok || !approx(got, tt.want) {
			t.Errorf("Percentile(%v) = %v, %v, %v; want %v (continuous, like percentile_cont)", tt.p, got, ok, err, tt.want)
		}
	}
	if _, ok, err := h.Percentile(t.Context(), Key, 0.5, classify.Range{From: Base, To: Base.Add(time.Hour)}); ok || err != nil {
		t.Errorf("Percentile of an empty range: ok=%v err=%v, want false", ok, err)
	}
}

func checkState(t *testing.T, h classify.History) {
	st, since, err := h.State(t.Context(), Key, Base)
	if err != nil || st != state.Major || !since.Equal(minute(4)) {
		t.Fatalf("State(Base) = %s since %v, %v; want major since %v", st, since, err, minute(4))
	}
	if st, since, _ := h.State(t.Context(), Key, minute(4)); st != state.OK || !since.Equal(minute(90)) {
		t.Fatalf("State(before the first major) = %s since %v; want ok since %v", st, since, minute(90))
	}
	if st, _, _ := h.State(t.Context(), classify.SeriesKey{HostID: 99, PluginID: "none"}, Base); st != state.NoData {
		t.Fatalf("State of an empty series = %s, want no_data", st)
	}
}

func checkConsecutive(t *testing.T, h classify.History) {
	for _, tt := range []struct {
		states []state.State
		limit  int
		want   int
	}{
		{[]state.State{state.Major, state.Critical}, 100, 4},
		{[]state.State{state.Major}, 2, 2},
		{[]state.State{state.OK}, 100, 0},
		{[]state.State{state.OK, state.Major}, 1000, 90},
	} {
		got, err := h.Consecutive(t.Context(), Key, Base, tt.states, tt.limit)
		if err != nil || got != tt.want {
			t.Errorf("Consecutive(%v, limit %d) = %d, %v; want %d", tt.states, tt.limit, got, err, tt.want)
		}
	}
}

func checkRollup(t *testing.T, h classify.History) {
	rows, err := h.Rollup(t.Context(), Key, classify.Hourly, classify.Range{From: Base.Add(-time.Hour), To: Base}, 10)
	if err != nil || len(rows) != 1 {
		t.Fatalf("Rollup(hourly, last hour) = %+v, %v; want one bucket", rows, err)
	}
	// minutes 60..1 without 30: values 30..89 without 60
	b := rows[0]
	if !b.Time.Equal(Base.Add(-time.Hour)) || b.Count != 59 || b.Min != 30 || b.Max != 89 || !approx(b.Sum, 3510) || b.Worst != state.Major {
		t.Fatalf("hourly bucket = %+v", b)
	}
}

func approx(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

func describe(points []classify.Point) string {
	s := "["
	for _, p := range points {
		v := "nil"
		if p.Value != nil {
			v = strconv.FormatFloat(*p.Value, 'g', -1, 64)
		}
		s += p.Time.Format("15:04") + "=" + v + " "
	}
	return s + "]"
}
