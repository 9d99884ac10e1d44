package query

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/classify"
)

// Querier is what History needs from a *pgxpool.Pool (or a read replica's).
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// HistoryConfig bounds the history reads; zero fields take the defaults.
type HistoryConfig struct {
	// Timeout bounds each query when the caller's ctx has no earlier
	// deadline (2 s); classifiers pass their own, shorter one.
	Timeout time.Duration
	// MaxRows caps the rows any one read returns (10,000).
	MaxRows int
	// RollupAfter is the window length from which Aggregate reads whole
	// hours from results_hourly instead of raw results (6 h).
	RollupAfter time.Duration
	// MaxLookback bounds how far back State searches raw results for the
	// start of a run (400 days).
	MaxLookback time.Duration
}

// History reads stored results for classifiers: it is the PostgreSQL
// implementation of classify.History. Every read is one bounded query on
// the series index (host_id, plugin_id, time) or a rollup.
type History struct {
	db  Querier
	cfg HistoryConfig
}

var _ classify.History = (*History)(nil)

// NewHistory returns a History reading through db.
func NewHistory(db Querier, cfg HistoryConfig) *History {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Second
	}
	if cfg.MaxRows <= 0 {
		cfg.MaxRows = 10_000
	}
	if cfg.RollupAfter <= 0 {
		cfg.RollupAfter = 6 * time.Hour
	}
	if cfg.MaxLookback <= 0 {
		cfg.MaxLookback = 400 * 24 * time.Hour
	}
	return &History{db: db, cfg: cfg}
}

// bound applies the query timeout and caps a requested row count.
func (h *History) bound(ctx context.Context, limit int) (context.Context, context.CancelFunc, int) {
	ctx, cancel := context.WithTimeout(ctx, h.cfg.Timeout)
	if limit > h.cfg.MaxRows { // not min(): a test of this package names a state min
		limit = h.cfg.MaxRows
	}
	if limit < 0 {
		limit = 0
	}
	return ctx, cancel, limit
}
