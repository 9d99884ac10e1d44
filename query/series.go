package query

import (
	"context"
	"time"
)

// Tier is where a graph series is read from: raw results or a rollup.
type Tier string

// The tiers, finest first.
const (
	TierRaw    Tier = "raw"
	TierHourly Tier = "hourly"
	TierDaily  Tier = "daily"
)

// MaxRawSpan and MaxHourlySpan are the longest ranges read from raw
// results and from the hourly rollup. With 1-minute checks 32 hours of raw
// data and 80 days of hourly buckets stay under about 2,000 points a series,
// which is what a browser draws without lag.
const (
	MaxRawSpan    = 32 * time.Hour
	MaxHourlySpan = 80 * 24 * time.Hour
)

// ChooseTier picks the finest tier that keeps a series of [from, to) under
// about 2,000 points.
func ChooseTier(from, to time.Time) Tier {
	switch d := to.Sub(from); {
	case d <= MaxRawSpan:
		return TierRaw
	case d <= MaxHourlySpan:
		return TierHourly
	default:
		return TierDaily
	}
}

// Width is the length of one bucket of the tier; zero for raw results.
func (t Tier) Width() time.Duration {
	switch t {
	case TierHourly:
		return time.Hour
	case TierDaily:
		return 24 * time.Hour
	}
	return 0
}

// Align widens [from, to) to whole buckets of the tier, so a bucket is
// either wholly in a range or wholly outside it: adjacent ranges share no
// bucket and together miss none. Rollup buckets are UTC hours and days.
func (t Tier) Align(from, to time.Time) (time.Time, time.Time) {
	w := t.Width()
	if w == 0 {
		return from.UTC(), to.UTC()
	}
	start := from.UTC().Truncate(w)
	end := to.UTC().Truncate(w)
	if end.Before(to) {
		end = end.Add(w)
	}
	return start, end
}

// SeriesKey names a graph series: one plugin on one host, optionally one
// check of it (CheckID 0: every check running the plugin, merged).
type SeriesKey struct {
	HostID   int64
	PluginID string
	CheckID  int64
}

// Point is one point of a graph: a raw value (Avg = Min = Max) or a rollup
// bucket starting at Time. The values are nil when the bucket or result
// held no number, which charts draw as a gap.
type Point struct {
	Time          time.Time
	Avg, Min, Max *float64
}

// Series is a graph's data over the half-open range [From, To), aligned
// to the tier's buckets. Bucket is set when raw results were too dense to
// draw one by one and were averaged into buckets of that width instead.
type Series struct {
	Tier     Tier
	From, To time.Time
	Bucket   time.Duration
	Points   []Point
}

// MaxPoints is the most points a series carries.
const MaxPoints = 2000

// LoadSeries reads the series of key over [from, to) from tier, or from
// the tier ChooseTier picks when tier is "".
func LoadSeries(ctx context.Context, db Querier, key SeriesKey, from, to time.Time, tier Tier) (Series, error) {
	set, err := loadSeriesSet(ctx, db, seriesSet{hostID: key.HostID, checkID: key.CheckID, plugins: []string{key.PluginID}}, from, to, tier)
	if err != nil {
		return Series{}, err
	}
	return set[0], nil
}
