package query

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// LoadHostSeries reads the series of each plugin in pluginIDs on one host
// over [from, to), every check of a plugin merged, from tier (or the one
// ChooseTier picks when tier is ""). A host page draws one graph per
// plugin: this reads them all in one round trip (two when some raw series
// are too dense to draw point by point), where LoadSeries costs one per
// graph. Every plugin asked for has an entry, with no points when it has
// no data.
func LoadHostSeries(ctx context.Context, db Querier, hostID int64, pluginIDs []string, from, to time.Time, tier Tier) (map[string]Series, error) {
	plugins := slices.Compact(slices.Sorted(slices.Values(pluginIDs)))
	set, err := loadSeriesSet(ctx, db, seriesSet{hostID: hostID, plugins: plugins}, from, to, tier)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Series, len(plugins))
	for i, p := range plugins {
		out[p] = set[i]
	}
	return out, nil
}

// seriesSet names series read together: plugins of one host, optionally
// one check of them (checkID 0: every check running the plugin, merged).
type seriesSet struct {
	hostID  int64
	checkID int64
	plugins []string
}

// rollupSeriesSQL reads rows of a rollup as stored, one per bucket and
// check: merging checks and ordering buckets is done while scanning, which
// spares the database a hash aggregate and a sort per page. Rows carry
// their plugin id, which scanRollup numbers: array_position($2, plugin_id)
// scans the array with a function call per element for every row, which
// cost a host page of 7,200 rows about a fifth of its time. %s is a
// relation name from rollupSeries, never input.
const rollupSeriesSQL = `SELECT plugin_id, bucket, sum, count, min, max
	FROM %s
	WHERE host_id = $1 AND plugin_id = ANY($2::text[]) AND ($3 = 0 OR check_id = $3)
		AND bucket >= $4 AND bucket < $5`

var rollupSeries = map[Tier]string{
	TierHourly: fmt.Sprintf(rollupSeriesSQL, "results_hourly"),
	TierDaily:  fmt.Sprintf(rollupSeriesSQL, "results_daily"),
}

// loadSeriesSet reads the series of set over [from, to), in the order of
// set.plugins.
func loadSeriesSet(ctx context.Context, db Querier, set seriesSet, from, to time.Time, tier Tier) ([]Series, error) {
	if tier == "" {
		tier = ChooseTier(from, to)
	}
	q, ok := rollupSeries[tier]
	if !ok && tier != TierRaw {
		return nil, fmt.Errorf("query: unknown tier %q", tier)
	}
	s := Series{Tier: tier}
	s.From, s.To = tier.Align(from, to)
	if len(set.plugins) == 0 {
		return nil, nil
	}
	if tier == TierRaw {
		return loadRaw(ctx, db, set, s)
	}
	rows, _ := db.Query(ctx, q, set.hostID, set.plugins, set.checkID, s.From, s.To)
	cells, err := scanRollup(rows, set.plugins, s)
	if err != nil {
		return nil, set.fail(s, err)
	}
	out := make([]Series, len(cells))
	for i, c := range cells {
		out[i] = s
		out[i].Points = points(c)
	}
	return out, nil
}

// seriesNumber numbers a row's plugin id by its place in the plugins
// read (from 0) straight from the row's bytes: a plugin id is neither
// allocated nor searched for linearly per row.
type seriesNumber struct {
	of map[string]int32
	n  int32
}

// ScanBytes implements pgtype.BytesScanner.
func (s *seriesNumber) ScanBytes(v []byte) error {
	n, ok := s.of[string(v)]
	if !ok {
		return fmt.Errorf("plugin %q was not asked for", v)
	}
	s.n = n
	return nil
}

// maxSlots bounds the buckets scanRollup lays out per series (a range
// chosen by hand may hold many more than a page draws).
const maxSlots = 4 * MaxPoints

// scanRollup reads rows of (plugin id, bucket, sum, count, min, max) over
// s into one cell list per plugin of plugins, in their order. A row's cell
// is found by its bucket's offset from s.From, so checks merge and cells
// come out in time order without a sort (rows arrive in index order, not
// time order: sorting was a sixth of a host page's time). A bucket off
// that grid, or a range of more than maxSlots buckets, is appended for
// points to order.
func scanRollup(rows pgx.Rows, plugins []string, s Series) ([][]cell, error) {
	w := s.Tier.Width()
	slots := int64(s.To.Sub(s.From) / w)
	grid := make([][]cell, len(plugins))
	key := seriesNumber{of: make(map[string]int32, len(plugins))}
	for i, p := range plugins {
		key.of[p] = int32(i)
	}
	var (
		t        time.Time
		sum      pgtype.Float8
		count    int64
		lo, hi   pgtype.Float8
		scanInto = []any{&key, &t, &sum, &count, &lo, &hi}
	)
	_, err := pgx.ForEachRow(rows, scanInto, func() error {
		if grid[key.n] == nil && slots > 0 && slots <= maxSlots {
			grid[key.n] = make([]cell, slots)
		}
		k := int64(t.Sub(s.From) / w)
		if slots > maxSlots || k < 0 || k >= slots || !s.From.Add(time.Duration(k)*w).Equal(t) {
			grid[key.n] = append(grid[key.n], cell{time: t.UTC()})
			k = int64(len(grid[key.n]) - 1)
		}
		c := &grid[key.n][k]
		if c.time.IsZero() {
			c.time = t.UTC()
		}
		c.add(sum, count, lo, hi)
		return nil
	})
	for i, g := range grid {
		grid[i] = slices.DeleteFunc(g, func(c cell) bool { return c.time.IsZero() })
	}
	return grid, err
}

// fail wraps a query error with the tier, host and plugins it was reading
// (a failed Query surfaces as its rows' error).
func (set seriesSet) fail(s Series, err error) error {
	return fmt.Errorf("query: %s series of host %d plugins %q: %w", s.Tier, set.hostID, set.plugins, err)
}
