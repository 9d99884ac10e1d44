package query

import (
	"context"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/classify"
)

// aggregateSQL summarises raw results in [$3, $4) and [$5, $6) plus the
// hourly rollup buckets in [$4, $5): a long window costs its two partial
// hours of raw rows and one rollup row per hour, not every raw row.
const aggregateSQL = `WITH raw AS (
		SELECT sum(value) AS sum, count(value) AS count, min(value) AS min, max(value) AS max
		FROM results
		WHERE host_id = $1 AND plugin_id = $2 AND value IS NOT NULL
			AND ((time >= $3 AND time < $4) OR (time >= $5 AND time < $6))),
	hourly AS (
		SELECT sum(sum) AS sum, sum(count)::bigint AS count, min(min) AS min, max(max) AS max
		FROM results_hourly
		WHERE host_id = $1 AND plugin_id = $2 AND bucket >= $4 AND bucket < $5)
	SELECT coalesce(raw.sum, 0) + coalesce(hourly.sum, 0),
		coalesce(raw.count, 0) + coalesce(hourly.count, 0),
		coalesce(least(raw.min, hourly.min), 0),
		coalesce(greatest(raw.max, hourly.max), 0)
	FROM raw, hourly`

// Aggregate summarises the values in r. Windows of RollupAfter or more read
// whole hours from results_hourly; the answer is the same as from raw rows
// because the rollup keeps sums and counts, not averages.
func (h *History) Aggregate(ctx context.Context, key classify.SeriesKey, r classify.Range) (classify.Aggregate, error) {
	lo, hi := r.To, r.To // empty middle: raw rows only
	if r.To.Sub(r.From) >= h.cfg.RollupAfter {
		lo, hi = r.From.Truncate(time.Hour), r.To.Truncate(time.Hour)
		if lo.Before(r.From) {
			lo = lo.Add(time.Hour)
		}
	}
	ctx, cancel, _ := h.bound(ctx, 0)
	defer cancel()
	var a classify.Aggregate
	err := h.db.QueryRow(ctx, aggregateSQL, key.HostID, key.PluginID, r.From, lo, hi, r.To).
		Scan(&a.Sum, &a.Count, &a.Min, &a.Max)
	if err != nil {
		return classify.Aggregate{}, fmt.Errorf("query: aggregate of host %d plugin %q: %w", key.HostID, key.PluginID, err)
	}
	if a.Count == 0 {
		return classify.Aggregate{}, nil
	}
	a.Avg = a.Sum / float64(a.Count)
	return a, nil
}
