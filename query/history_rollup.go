package query

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/state"
)

// rollupSQL reads one tier; the rows of several checks running the same
// plugin are merged per bucket from their sums and counts. %s is the view
// name, chosen from a fixed list, never from input.
const rollupSQL = `SELECT bucket, avg, min, max, sum, count, worst FROM (
		SELECT bucket,
			coalesce(sum(sum) / nullif(sum(count), 0), 0) AS avg,
			coalesce(min(min), 0) AS min, coalesce(max(max), 0) AS max,
			coalesce(sum(sum), 0) AS sum, sum(count)::bigint AS count,
			max(worst_severity)::int AS worst
		FROM %s
		WHERE host_id = $1 AND plugin_id = $2 AND bucket >= $3 AND bucket < $4
		GROUP BY bucket ORDER BY bucket DESC LIMIT $5) newest
	ORDER BY bucket`

var rollupViews = map[classify.Tier]string{classify.Hourly: "results_hourly", classify.Daily: "results_daily"}

// Rollup returns the buckets of tier starting in r, oldest first; the
// newest limit of them when there are more.
func (h *History) Rollup(ctx context.Context, key classify.SeriesKey, tier classify.Tier, r classify.Range, limit int) ([]classify.RollupRow, error) {
	view, ok := rollupViews[tier]
	if !ok {
		return nil, fmt.Errorf("query: unknown rollup tier %q", tier)
	}
	ctx, cancel, limit := h.bound(ctx, limit)
	defer cancel()
	rows, _ := h.db.Query(ctx, fmt.Sprintf(rollupSQL, view), key.HostID, key.PluginID, r.From, r.To, limit)
	var out []classify.RollupRow
	var row classify.RollupRow
	var worst int
	_, err := pgx.ForEachRow(rows, []any{&row.Time, &row.Avg, &row.Min, &row.Max, &row.Sum, &row.Count, &worst}, func() error {
		s, err := state.FromSeverity(worst)
		if err != nil {
			return err
		}
		row.Worst = s
		out = append(out, row)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query: %s rollup of host %d plugin %q: %w", tier, key.HostID, key.PluginID, err)
	}
	return out, nil
}
