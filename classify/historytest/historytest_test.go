package historytest

import (
	"context"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/state"
)

// reference is the simplest correct History, a scan over a slice: it shows
// the suite is satisfiable and checks the suite itself.
type reference struct{ rows map[classify.SeriesKey][]row }

type row struct {
	classify.Point
	st state.State
}

func (h *reference) add(_ context.Context, key classify.SeriesKey, at time.Time, v *float64, msg string, st state.State) error {
	rows := append(h.rows[key], row{classify.Point{Time: at, Value: v, Message: msg}, st})
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Time.Before(rows[j].Time) })
	h.rows[key] = rows
	return nil
}

func (h *reference) before(key classify.SeriesKey, at time.Time) []row {
	rows := h.rows[key]
	return rows[:sort.Search(len(rows), func(i int) bool { return !rows[i].Time.Before(at) })]
}

func (h *reference) values(key classify.SeriesKey, r classify.Range) (out []classify.Point, vs []float64) {
	for _, x := range h.before(key, r.To) {
		if !x.Time.Before(r.From) && x.Value != nil {
			out, vs = append(out, x.Point), append(vs, *x.Value)
		}
	}
	return out, vs
}

func (h *reference) Last(_ context.Context, key classify.SeriesKey, at time.Time, n int) ([]classify.Point, error) {
	var out []classify.Point
	for rows := h.before(key, at); len(rows) > 0 && len(out) < n; rows = rows[:len(rows)-1] {
		out = append(out, rows[len(rows)-1].Point)
	}
	return out, nil
}

func (h *reference) Values(_ context.Context, key classify.SeriesKey, r classify.Range, limit int) ([]classify.Point, error) {
	out, _ := h.values(key, r)
	return out[max(0, len(out)-limit):], nil
}

func (h *reference) Aggregate(_ context.Context, key classify.SeriesKey, r classify.Range) (classify.Aggregate, error) {
	_, vs := h.values(key, r)
	if len(vs) == 0 {
		return classify.Aggregate{}, nil
	}
	a := classify.Aggregate{Min: slices.Min(vs), Max: slices.Max(vs), Count: int64(len(vs))}
	for _, v := range vs {
		a.Sum += v
	}
	a.Avg = a.Sum / float64(a.Count)
	return a, nil
}

func (h *reference) Percentile(_ context.Context, key classify.SeriesKey, p float64, r classify.Range) (float64, bool, error) {
	_, vs := h.values(key, r)
	if len(vs) == 0 {
		return 0, false, nil
	}
	slices.Sort(vs)
	pos := p * float64(len(vs)-1)
	lo := int(pos)
	if lo+1 >= len(vs) {
		return vs[lo], true, nil
	}
	return vs[lo] + (pos-float64(lo))*(vs[lo+1]-vs[lo]), true, nil
}

func (h *reference) Rollup(_ context.Context, key classify.SeriesKey, _ classify.Tier, r classify.Range, limit int) ([]classify.RollupRow, error) {
	out, vs := h.values(key, r) // one bucket: the suite asks for exactly one hour
	b := classify.RollupRow{Time: r.From, Min: slices.Min(vs), Max: slices.Max(vs), Count: int64(len(out)), Worst: state.NoData}
	for _, v := range vs {
		b.Sum += v
	}
	b.Avg = b.Sum / float64(b.Count)
	for _, x := range h.before(key, r.To) {
		if !x.Time.Before(r.From) && x.st.Severity() > b.Worst.Severity() {
			b.Worst = x.st
		}
	}
	return []classify.RollupRow{b}, nil
}

func (h *reference) State(_ context.Context, key classify.SeriesKey, at time.Time) (state.State, time.Time, error) {
	rows := h.before(key, at)
	if len(rows) == 0 {
		return state.NoData, time.Time{}, nil
	}
	i := len(rows) - 1
	for i > 0 && rows[i-1].st == rows[len(rows)-1].st {
		i--
	}
	return rows[len(rows)-1].st, rows[i].Time, nil
}

func (h *reference) Consecutive(_ context.Context, key classify.SeriesKey, at time.Time, states []state.State, limit int) (int, error) {
	rows, n := h.before(key, at), 0
	for i := len(rows) - 1; i >= 0 && n < limit && slices.Contains(states, rows[i].st); i-- {
		n++
	}
	return n, nil
}

func TestReference(t *testing.T) {
	ref := &reference{rows: map[classify.SeriesKey][]row{}}
	Run(t, Harness{History: ref, Add: ref.add, Refresh: func(context.Context) error { return nil }})
}
