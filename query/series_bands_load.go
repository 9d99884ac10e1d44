package query

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// bandsSQL reads, per series numbered from 1 in $2, each check's state at
// $3 (its last change before, initial) and its changes in [$3, $4): every
// graph's bands of a page in one round trip.
const bandsSQL = `SELECT p.n::int, c.time, c.track, c.to_state, c.initial
	FROM unnest($2::text[]) WITH ORDINALITY AS p(plugin_id, n)
	CROSS JOIN LATERAL (
		(SELECT DISTINCT ON (coalesce(check_id, 0)) time, coalesce(check_id, 0) AS track, to_state, true AS initial
			FROM state_changes
			WHERE host_id = $1 AND plugin_id = p.plugin_id AND ($5 = 0 OR check_id = $5) AND time < $3
			ORDER BY coalesce(check_id, 0), time DESC)
		UNION ALL
		(SELECT time, coalesce(check_id, 0), to_state, false
			FROM state_changes
			WHERE host_id = $1 AND plugin_id = p.plugin_id AND ($5 = 0 OR check_id = $5) AND time >= $3 AND time < $4)
	) c`

// LoadBands reads the classification bands of key over [from, to) from
// the state-change log: what a graph shades behind its line.
func LoadBands(ctx context.Context, db Querier, key SeriesKey, from, to time.Time) ([]Band, error) {
	set := seriesSet{hostID: key.HostID, checkID: key.CheckID, plugins: []string{key.PluginID}}
	bands, err := loadBandsSet(ctx, db, set, from, to)
	if err != nil {
		return nil, err
	}
	return bands[0], nil
}

// LoadHostBands reads the classification bands over [from, to) of each
// plugin in pluginIDs on one host, every check of a plugin merged to the
// worst: the bands of all a host page's graphs in one round trip, where
// LoadBands costs two per graph.
func LoadHostBands(ctx context.Context, db Querier, hostID int64, pluginIDs []string, from, to time.Time) (map[string][]Band, error) {
	plugins := slices.Compact(slices.Sorted(slices.Values(pluginIDs)))
	bands, err := loadBandsSet(ctx, db, seriesSet{hostID: hostID, plugins: plugins}, from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Band, len(plugins))
	for i, p := range plugins {
		out[p] = bands[i]
	}
	return out, nil
}

// loadBandsSet reads the bands of set, in the order of set.plugins.
func loadBandsSet(ctx context.Context, db Querier, set seriesSet, from, to time.Time) ([][]Band, error) {
	if len(set.plugins) == 0 {
		return nil, nil
	}
	initial := make([]map[int64]state.State, len(set.plugins))
	changes := make([][]Transition, len(set.plugins))
	rows, _ := db.Query(ctx, bandsSQL, set.hostID, set.plugins, from, to, set.checkID)
	var (
		n       int32
		c       Transition
		isFirst bool
	)
	_, err := pgx.ForEachRow(rows, []any{&n, &c.Time, &c.Track, &c.To, &isFirst}, func() error {
		if n < 1 || int(n) > len(set.plugins) {
			return fmt.Errorf("series number %d out of 1..%d", n, len(set.plugins))
		}
		switch i := n - 1; {
		case !isFirst:
			changes[i] = append(changes[i], c)
		case initial[i] == nil:
			initial[i] = map[int64]state.State{c.Track: c.To}
		default:
			initial[i][c.Track] = c.To
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query: state changes of host %d plugins %q: %w", set.hostID, set.plugins, err)
	}
	out := make([][]Band, len(set.plugins))
	for i := range out {
		out[i] = Timeline(from, to, initial[i], changes[i])
	}
	return out, nil
}
