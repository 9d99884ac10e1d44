package classify

import (
	"context"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// SeriesKey names the results of one plugin on one host: the series a
// classifier's history reads. Checks are not part of the key because a
// classifier judges the plugin's data, whichever check produced it.
type SeriesKey struct {
	HostID   int64
	PluginID string
}

// Range is a half-open time interval [From, To). The engine always passes
// To = the time of the result being classified, so a backtest over stored
// results sees exactly what a live run saw.
type Range struct {
	From, To time.Time
}

// Point is one stored result. Value is nil for a result without a value.
// Message is only required from History.Last.
type Point struct {
	Time    time.Time
	Value   *float64
	Message string
}

// Aggregate summarises the values in a range; Avg, Min and Max are
// meaningless when Count is 0.
type Aggregate struct {
	Avg, Min, Max, Sum float64
	Count              int64
}

// Tier is a rollup tier.
type Tier string

// The rollup tiers the storage keeps (views results_hourly, results_daily).
const (
	Hourly Tier = "hourly"
	Daily  Tier = "daily"
)

// RollupRow is one bucket of a rollup tier; Time is the bucket start.
type RollupRow struct {
	Time               time.Time
	Avg, Min, Max, Sum float64
	Count              int64
	Worst              state.State
}

// History is the read-only view of stored results that classifiers query.
// The query package implements it against PostgreSQL; classify never writes.
// Every method must honour ctx (it carries the classifier's time limit) and
// return at most limit rows where a limit is given.
type History interface {
	// Last returns up to n results of key strictly before `before`, newest
	// first, including results without a value (Value nil).
	Last(ctx context.Context, key SeriesKey, before time.Time, n int) ([]Point, error)
	// Values returns the results with a value in r, oldest first; when there
	// are more than limit, the newest limit of them.
	Values(ctx context.Context, key SeriesKey, r Range, limit int) ([]Point, error)
	// Aggregate summarises the values in r.
	Aggregate(ctx context.Context, key SeriesKey, r Range) (Aggregate, error)
	// Percentile returns the continuous percentile p (0..1) of the values in
	// r; false when r holds no value.
	Percentile(ctx context.Context, key SeriesKey, p float64, r Range) (float64, bool, error)
	// Rollup returns the buckets of tier starting in r, oldest first; when
	// there are more than limit, the newest limit of them.
	Rollup(ctx context.Context, key SeriesKey, tier Tier, r Range, limit int) ([]RollupRow, error)
	// State returns the classification of the latest result before `at` and
	// the time of the earliest result of the unbroken run of that
	// classification ending there; state.NoData and the zero time if none.
	State(ctx context.Context, key SeriesKey, at time.Time) (state.State, time.Time, error)
	// Consecutive counts the latest results before `at` whose classification
	// is one of states, stopping at the first other one or after limit.
	Consecutive(ctx context.Context, key SeriesKey, at time.Time, states []state.State, limit int) (int, error)
}
