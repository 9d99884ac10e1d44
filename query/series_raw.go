package query

import (
	"context"
	"time"
)

// rawBinnedSQL averages raw results into buckets of width $6, for checks
// running so often that their raw points would be too many to draw.
const rawBinnedSQL = `SELECT date_bin($6::interval, time, '2000-01-01'::timestamptz),
		avg(value), min(value), max(value)
	FROM results
	WHERE host_id = $1 AND plugin_id = $2 AND ($3 = 0 OR check_id = $3) AND time >= $4 AND time < $5
	GROUP BY 1 ORDER BY 1`

// rawWidths are the bucket widths for dense raw series: each divides an
// hour, so buckets line up with the hourly rollup.
var rawWidths = []time.Duration{time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute,
	15 * time.Minute, 30 * time.Minute, time.Hour}

// loadRaw reads raw results, at most MaxPoints of them; when there are
// more, it averages them into the narrowest buckets that fit instead.
func loadRaw(ctx context.Context, db Querier, key SeriesKey, s Series) (Series, error) {
	rows, _ := db.Query(ctx, seriesSources[TierRaw]+` LIMIT $6`, key.HostID, key.PluginID, key.CheckID, s.From, s.To, MaxPoints+1)
	s, err := scanSeries(rows, s, key)
	if err != nil || len(s.Points) <= MaxPoints {
		return s, err
	}
	span := s.To.Sub(s.From)
	s.Bucket = rawWidths[len(rawWidths)-1]
	for _, w := range rawWidths {
		if span/w <= MaxPoints {
			s.Bucket = w
			break
		}
	}
	s.From, s.To = s.From.Truncate(s.Bucket), s.To.Add(s.Bucket-1).Truncate(s.Bucket)
	rows, _ = db.Query(ctx, rawBinnedSQL, key.HostID, key.PluginID, key.CheckID, s.From, s.To, s.Bucket)
	return scanSeries(rows, s, key)
}
