package query

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/classify"
)

// Last returns up to n results of key before `before`, newest first.
func (h *History) Last(ctx context.Context, key classify.SeriesKey, before time.Time, n int) ([]classify.Point, error) {
	const q = `SELECT time, value, message FROM results
		WHERE host_id = $1 AND plugin_id = $2 AND time < $3
		ORDER BY time DESC LIMIT $4`
	ctx, cancel, n := h.bound(ctx, n)
	defer cancel()
	rows, _ := h.db.Query(ctx, q, key.HostID, key.PluginID, before, n)
	return collectPoints(rows, true, "last results", key)
}

// Values returns the results with a value in r, oldest first; the newest
// limit of them when there are more.
func (h *History) Values(ctx context.Context, key classify.SeriesKey, r classify.Range, limit int) ([]classify.Point, error) {
	const q = `SELECT time, value FROM (
			SELECT time, value FROM results
			WHERE host_id = $1 AND plugin_id = $2 AND time >= $3 AND time < $4 AND value IS NOT NULL
			ORDER BY time DESC LIMIT $5) newest
		ORDER BY time`
	ctx, cancel, limit := h.bound(ctx, limit)
	defer cancel()
	rows, _ := h.db.Query(ctx, q, key.HostID, key.PluginID, r.From, r.To, limit)
	return collectPoints(rows, false, "values", key)
}

func collectPoints(rows pgx.Rows, withMessage bool, what string, key classify.SeriesKey) ([]classify.Point, error) {
	var out []classify.Point
	var p classify.Point
	dest := []any{&p.Time, &p.Value}
	if withMessage {
		dest = append(dest, &p.Message)
	}
	_, err := pgx.ForEachRow(rows, dest, func() error {
		out = append(out, p)
		p = classify.Point{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query: %s of host %d plugin %q: %w", what, key.HostID, key.PluginID, err)
	}
	return out, nil
}

// Percentile returns the continuous percentile p of the values in r, as
// PostgreSQL's percentile_cont computes it; false when r has no value.
func (h *History) Percentile(ctx context.Context, key classify.SeriesKey, p float64, r classify.Range) (float64, bool, error) {
	const q = `SELECT percentile_cont($5::float8) WITHIN GROUP (ORDER BY value) FROM results
		WHERE host_id = $1 AND plugin_id = $2 AND time >= $3 AND time < $4 AND value IS NOT NULL`
	if p < 0 || p > 1 {
		return 0, false, fmt.Errorf("query: percentile %v outside 0..1", p)
	}
	ctx, cancel, _ := h.bound(ctx, 0)
	defer cancel()
	var v *float64
	if err := h.db.QueryRow(ctx, q, key.HostID, key.PluginID, r.From, r.To, p).Scan(&v); err != nil {
		return 0, false, fmt.Errorf("query: percentile of host %d plugin %q: %w", key.HostID, key.PluginID, err)
	}
	if v == nil {
		return 0, false, nil
	}
	return *v, true, nil
}
