package query

import (
	"context"
	"time"
)

// rawSeriesSQL reads at most $6 instants of raw results per series (the
// checks of a plugin merged per instant), every series in one statement:
// the lateral keeps each series' own index scan and limit.
const rawSeriesSQL = `SELECT p.n::int, r.time, r.sum, r.count, r.min, r.max
	FROM unnest($2::text[]) WITH ORDINALITY AS p(plugin_id, n)
	CROSS JOIN LATERAL (
		SELECT time, sum(value) AS sum, count(value) AS count, min(value) AS min, max(value) AS max
		FROM results
		WHERE host_id = $1 AND plugin_id = p.plugin_id AND ($3 = 0 OR check_id = $3)
			AND time >= $4 AND time < $5
		GROUP BY time ORDER BY time LIMIT $6) r`

// rawBinnedSQL sums raw results into buckets of width $6, for checks
// running so often that their raw points would be too many to draw.
const rawBinnedSQL = `SELECT array_position($2::text[], plugin_id),
		date_bin($6::interval, time, '2000-01-01'::timestamptz), sum(value), count(value), min(value), max(value)
	FROM results
	WHERE host_id = $1 AND plugin_id = ANY($2::text[]) AND ($3 = 0 OR check_id = $3) AND time >= $4 AND time < $5
	GROUP BY 1, 2`

// rawWidths are the bucket widths for dense raw series: each divides an
// hour, so buckets line up with the hourly rollup.
var rawWidths = []time.Duration{time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute,
	15 * time.Minute, 30 * time.Minute, time.Hour}

// loadRaw reads raw results, at most MaxPoints of them a series; a series
// with more is averaged into the narrowest buckets that fit instead.
func loadRaw(ctx context.Context, db Querier, set seriesSet, s Series) ([]Series, error) {
	rows, _ := db.Query(ctx, rawSeriesSQL, set.hostID, set.plugins, set.checkID, s.From, s.To, MaxPoints+1)
	cells, err := scanCells(rows, len(set.plugins))
	if err != nil {
		return nil, set.fail(s, err)
	}
	out := make([]Series, len(cells))
	dense := seriesSet{hostID: set.hostID, checkID: set.checkID}
	var denseAt []int
	for i, c := range cells {
		out[i] = s
		if len(c) > MaxPoints {
			dense.plugins = append(dense.plugins, set.plugins[i])
			denseAt = append(denseAt, i)
			continue
		}
		out[i].Points = points(c)
	}
	if len(denseAt) == 0 {
		return out, nil
	}
	b := binned(s)
	rows, _ = db.Query(ctx, rawBinnedSQL, dense.hostID, dense.plugins, dense.checkID, b.From, b.To, b.Bucket)
	if cells, err = scanCells(rows, len(dense.plugins)); err != nil {
		return nil, dense.fail(b, err)
	}
	for k, i := range denseAt {
		out[i] = b
		out[i].Points = points(cells[k])
	}
	return out, nil
}

// binned is s widened to the narrowest raw bucket width that keeps it
// under MaxPoints.
func binned(s Series) Series {
	span := s.To.Sub(s.From)
	s.Bucket = rawWidths[len(rawWidths)-1]
	for _, w := range rawWidths {
		if span/w <= MaxPoints {
			s.Bucket = w
			break
		}
	}
	s.From, s.To = s.From.Truncate(s.Bucket), s.To.Add(s.Bucket-1).Truncate(s.Bucket)
	return s
}
