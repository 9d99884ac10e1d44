package query

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Ranked is one host in a top-N table: its average and peak of a plugin's
// values over the range.
type Ranked struct {
	HostID   int64
	HostName string
	Avg, Max float64
}

// topSQL ranks hosts by average; %[1]s.. are fixed relation and column
// names from topSources, never input. A NULL $2 means every host.
const topSQL = `SELECT h.id, h.name, sum(%[3]s) / sum(%[4]s), max(%[5]s)
	FROM %[1]s r JOIN hosts h ON h.id = r.host_id
	WHERE r.plugin_id = $1 AND ($2::bigint[] IS NULL OR r.host_id = ANY($2)) AND %[2]s >= $3 AND %[2]s < $4
	GROUP BY h.id, h.name HAVING sum(%[4]s) > 0
	ORDER BY 3 DESC, h.name LIMIT $5`

var topSources = map[Tier]string{
	TierRaw:    fmt.Sprintf(topSQL, "results", "r.time", "r.value", "(r.value IS NOT NULL)::int", "r.value"),
	TierHourly: fmt.Sprintf(topSQL, "results_hourly", "r.bucket", "r.sum", "r.count", "r.max"),
	TierDaily:  fmt.Sprintf(topSQL, "results_daily", "r.bucket", "r.sum", "r.count", "r.max"),
}

// Top ranks the hosts (all of them when hostIDs is nil) by their average
// of plugin over [from, to), highest first, at most n of them. It reads
// the same tier, aligned the same way, as the graphs of that range.
func Top(ctx context.Context, db Querier, pluginID string, hostIDs []int64, from, to time.Time, n int) ([]Ranked, error) {
	tier := ChooseTier(from, to)
	from, to = tier.Align(from, to)
	rows, _ := db.Query(ctx, topSources[tier], pluginID, hostIDs, from, to, n)
	var out []Ranked
	var r Ranked
	_, err := pgx.ForEachRow(rows, []any{&r.HostID, &r.HostName, &r.Avg, &r.Max}, func() error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query: top hosts by %q: %w", pluginID, err)
	}
	return out, nil
}
