package query

import (
	"context"
	"fmt"
	"slices"
	"time"
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
// spares the database a hash aggregate and a sort per page. $2 numbers the
// series (1-based) so no plugin id is decoded per row. %s is a relation
// name from rollupSeries, never input.
const rollupSeriesSQL = `SELECT array_position($2::text[], plugin_id), bucket, sum, count, min, max
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
	cells, err := scanCells(rows, len(set.plugins))
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

// fail wraps a query error with the tier, host and plugins it was reading
// (a failed Query surfaces as its rows' error).
func (set seriesSet) fail(s Series, err error) error {
	return fmt.Errorf("query: %s series of host %d plugins %q: %w", s.Tier, set.hostID, set.plugins, err)
}
