package query

import (
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// cell is one bucket (or raw instant) of one series while its rows are
// read: the rows of several checks running the same plugin add up here,
// so the database returns them as stored, neither grouped nor sorted.
type cell struct {
	time     time.Time
	sum      float64
	count    int64
	min, max float64
	hasRange bool
}

// add merges one row's sums and range into c.
func (c *cell) add(sum pgtype.Float8, count int64, lo, hi pgtype.Float8) {
	if sum.Valid {
		c.sum += sum.Float64
	}
	c.count += count
	if lo.Valid && hi.Valid {
		if !c.hasRange || lo.Float64 < c.min {
			c.min = lo.Float64
		}
		if !c.hasRange || hi.Float64 > c.max {
			c.max = hi.Float64
		}
		c.hasRange = true
	}
}

// scanCells reads rows of (series number from 1, time, sum, count, min,
// max) into one cell list per series; a number outside 1..n fails.
func scanCells(rows pgx.Rows, n int) ([][]cell, error) {
	out := make([][]cell, n)
	var (
		i        int32
		t        time.Time
		sum      pgtype.Float8
		count    int64
		lo, hi   pgtype.Float8
		scanInto = []any{&i, &t, &sum, &count, &lo, &hi}
	)
	_, err := pgx.ForEachRow(rows, scanInto, func() error {
		if i < 1 || int(i) > n {
			return fmt.Errorf("series number %d out of 1..%d", i, n)
		}
		c := cell{time: t.UTC()}
		c.add(sum, count, lo, hi)
		out[i-1] = append(out[i-1], c)
		return nil
	})
	return out, err
}

// points orders cells by time, merges cells of the same time and turns
// them into points. The values of all points share one allocation.
func points(cells []cell) []Point {
	if len(cells) == 0 {
		return nil
	}
	if !slices.IsSortedFunc(cells, byTime) {
		slices.SortStableFunc(cells, byTime)
	}
	merged := cells[:1]
	for _, c := range cells[1:] {
		last := &merged[len(merged)-1]
		if !c.time.Equal(last.time) {
			merged = append(merged, c)
			continue
		}
		last.add(pgtype.Float8{Float64: c.sum, Valid: true}, c.count,
			pgtype.Float8{Float64: c.min, Valid: c.hasRange}, pgtype.Float8{Float64: c.max, Valid: c.hasRange})
	}
	out := make([]Point, len(merged))
	values := make([]float64, 3*len(merged))
	for k, c := range merged {
		out[k].Time = c.time
		v := values[3*k : 3*k+3 : 3*k+3]
		if c.count > 0 {
			v[0] = c.sum / float64(c.count)
			out[k].Avg = &v[0]
		}
		if c.hasRange {
			v[1], v[2] = c.min, c.max
			out[k].Min, out[k].Max = &v[1], &v[2]
		}
	}
	return out
}

func byTime(a, b cell) int { return a.time.Compare(b.time) }
