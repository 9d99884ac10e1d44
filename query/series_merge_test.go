package query

import (
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

func TestPoints(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	f := func(v float64) pgtype.Float8 { return pgtype.Float8{Float64: v, Valid: true} }
	null := pgtype.Float8{}
	row := func(h int, sum pgtype.Float8, count int64, lo, hi pgtype.Float8) cell {
		c := cell{time: at(h)}
		c.add(sum, count, lo, hi)
		return c
	}
	type want struct {
		hour          int
		avg, min, max any // float64, or nil for no value
	}
	cases := []struct {
		name  string
		cells []cell
		want  []want
	}{
		{"none", nil, nil},
		{"unordered rows come out in time order", []cell{row(2, f(4), 2, f(1), f(3)), row(0, f(1), 1, f(1), f(1)), row(1, f(9), 3, f(2), f(4))},
			[]want{{0, 1.0, 1.0, 1.0}, {1, 3.0, 2.0, 4.0}, {2, 2.0, 1.0, 3.0}}},
		{"checks of one bucket merge by sums and counts", []cell{row(0, f(10), 1, f(10), f(10)), row(0, f(60), 3, f(5), f(30))},
			[]want{{0, 17.5, 5.0, 30.0}}},
		{"a bucket without values has no point values", []cell{row(0, null, 0, null, null)},
			[]want{{0, nil, nil, nil}}},
		{"a valueless check does not hide the other's values", []cell{row(3, null, 0, null, null), row(3, f(-4), 2, f(-3), f(-1)), row(3, null, 0, null, null)},
			[]want{{3, -2.0, -3.0, -1.0}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := points(c.cells)
			if len(got) != len(c.want) {
				t.Fatalf("%d points; want %d", len(got), len(c.want))
			}
			for i, w := range c.want {
				p := got[i]
				if !p.Time.Equal(at(w.hour)) || !same(p.Avg, w.avg) || !same(p.Min, w.min) || !same(p.Max, w.max) {
					t.Fatalf("point %d = %s %s/%s/%s; want %+v", i, p.Time, show(p.Avg), show(p.Min), show(p.Max), w)
				}
			}
		})
	}
}

func same(got *float64, want any) bool {
	if want == nil {
		return got == nil
	}
	return got != nil && *got == want.(float64)
}

func show(v *float64) string {
	if v == nil {
		return "nil"
	}
	return strconv.FormatFloat(*v, 'g', -1, 64)
}
