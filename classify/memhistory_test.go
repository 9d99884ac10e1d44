package classify

import (
	"context"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// memHistory is an in-memory History for unit tests only; the real one is
// query's, tested against PostgreSQL.
type memHistory struct {
	mu     sync.Mutex
	series map[SeriesKey][]memRow // oldest first
	rollup map[SeriesKey][]RollupRow
	err    error
}

type memRow struct {
	Point
	state state.State
}

func newMemHistory() *memHistory {
	return &memHistory{series: map[SeriesKey][]memRow{}, rollup: map[SeriesKey][]RollupRow{}}
}

func (h *memHistory) add(key SeriesKey, at time.Time, v *float64, msg string, st state.State) {
	h.mu.Lock()
	defer h.mu.Unlock()
	rows := append(h.series[key], memRow{Point{Time: at, Value: v, Message: msg}, st})
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Time.Before(rows[j].Time) })
	h.series[key] = rows
}

// before returns the rows strictly before t, oldest first.
func (h *memHistory) before(key SeriesKey, t time.Time) []memRow {
	h.mu.Lock()
	defer h.mu.Unlock()
	rows := h.series[key]
	i := sort.Search(len(rows), func(i int) bool { return !rows[i].Time.Before(t) })
	return rows[:i]
}

func (h *memHistory) in(key SeriesKey, r Range) []float64 {
	var vs []float64
	for _, row := range h.before(key, r.To) {
		if !row.Time.Before(r.From) && row.Value != nil {
			vs = append(vs, *row.Value)
		}
	}
	return vs
}

func (h *memHistory) Last(_ context.Context, key SeriesKey, before time.Time, n int) ([]Point, error) {
	rows := h.before(key, before)
	var out []Point
	for i := len(rows) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, rows[i].Point)
	}
	return out, h.err
}

func (h *memHistory) Values(_ context.Context, key SeriesKey, r Range, limit int) ([]Point, error) {
	var out []Point
	for _, row := range h.before(key, r.To) {
		if !row.Time.Before(r.From) && row.Value != nil {
			out = append(out, row.Point)
		}
	}
	if len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out, h.err
}

func (h *memHistory) Aggregate(_ context.Context, key SeriesKey, r Range) (Aggregate, error) {
	vs := h.in(key, r)
	if len(vs) == 0 {
		return Aggregate{}, h.err
	}
	a := Aggregate{Min: slices.Min(vs), Max: slices.Max(vs), Count: int64(len(vs))}
	for _, v := range vs {
		a.Sum += v
	}
	a.Avg = a.Sum / float64(a.Count)
	return a, h.err
}

// Percentile interpolates linearly like PostgreSQL's percentile_cont.
func (h *memHistory) Percentile(_ context.Context, key SeriesKey, p float64, r Range) (float64, bool, error) {
	vs := h.in(key, r)
	if len(vs) == 0 {
		return 0, false, h.err
	}
	slices.Sort(vs)
	pos := p * float64(len(vs)-1)
	lo := int(pos)
	if lo+1 >= len(vs) {
		return vs[lo], true, h.err
	}
	return vs[lo] + (pos-float64(lo))*(vs[lo+1]-vs[lo]), true, h.err
}

func (h *memHistory) Rollup(_ context.Context, key SeriesKey, _ Tier, r Range, limit int) ([]RollupRow, error) {
	var out []RollupRow
	for _, row := range h.rollup[key] {
		if !row.Time.Before(r.From) && row.Time.Before(r.To) {
			out = append(out, row)
		}
	}
	if len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out, h.err
}

func (h *memHistory) State(_ context.Context, key SeriesKey, at time.Time) (state.State, time.Time, error) {
	rows := h.before(key, at)
	if len(rows) == 0 {
		return state.NoData, time.Time{}, h.err
	}
	last := len(rows) - 1
	i := last
	for i > 0 && rows[i-1].state == rows[last].state {
		i--
	}
	return rows[last].state, rows[i].Time, h.err
}

func (h *memHistory) Consecutive(_ context.Context, key SeriesKey, at time.Time, states []state.State, limit int) (int, error) {
	rows, n := h.before(key, at), 0
	for i := len(rows) - 1; i >= 0 && n < limit && slices.Contains(states, rows[i].state); i-- {
		n++
	}
	return n, h.err
}
