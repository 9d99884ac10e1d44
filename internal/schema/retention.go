package schema

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DBTX is what the retention functions need from a connection, pool or
// transaction.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

const day = 24 * time.Hour

// Retention says how long each tier of results is kept.
type Retention struct {
	Raw    time.Duration // rows of results
	Hourly time.Duration // buckets of results_hourly
	Daily  time.Duration // buckets of results_daily
}

// DefaultRetention is what a new database starts with: raw results for 90
// days, hourly rollups for 2 years, daily rollups for 10 years.
func DefaultRetention() Retention {
	return Retention{Raw: 90 * day, Hourly: 730 * day, Daily: 3650 * day}
}

// Minimums keep the timescale refresh windows inside the data they read: a
// continuous aggregate refreshed over a range whose source rows were dropped
// would lose its buckets there. Raw must outlive the hourly refresh window
// (7 days), hourly the daily one (30 days).
const (
	minRaw    = 8 * day
	minHourly = 31 * day
	minDaily  = day
)

// Validate reports a retention that would lose rollups or means nothing.
func (r Retention) Validate() error {
	switch {
	case r.Raw < minRaw:
		return fmt.Errorf("schema: raw retention %v is shorter than the minimum %v", r.Raw, minRaw)
	case r.Hourly < minHourly:
		return fmt.Errorf("schema: hourly retention %v is shorter than the minimum %v", r.Hourly, minHourly)
	case r.Daily < minDaily:
		return fmt.Errorf("schema: daily retention %v is shorter than the minimum %v", r.Daily, minDaily)
	}
	return nil
}

// tier ties a retention setting to the relation and time column it prunes.
type tier struct {
	name, relation, column string
	width                  time.Duration // bucket width: a bucket goes once all of it is older
	keep                   func(Retention) time.Duration
}

// tiers lists the three tiers in the order retention visits them.
func tiers() []tier {
	return []tier{
		{"raw", "results", "time", 0, func(r Retention) time.Duration { return r.Raw }},
		{"hourly", "results_hourly", "bucket", time.Hour, func(r Retention) time.Duration { return r.Hourly }},
		{"daily", "results_daily", "bucket", day, func(r Retention) time.Duration { return r.Daily }},
	}
}

// LoadRetention reads the settings from retention_settings. Intervals with
// months count 30 days a month and 365.25 days a year.
func LoadRetention(ctx context.Context, db DBTX) (Retention, error) {
	const q = `SELECT
		(SELECT extract(epoch FROM keep) FROM retention_settings WHERE tier = 'raw'),
		(SELECT extract(epoch FROM keep) FROM retention_settings WHERE tier = 'hourly'),
		(SELECT extract(epoch FROM keep) FROM retention_settings WHERE tier = 'daily')`
	var raw, hourly, daily float64
	if err := db.QueryRow(ctx, q).Scan(&raw, &hourly, &daily); err != nil {
		return Retention{}, fmt.Errorf("schema: load retention: %w", err)
	}
	sec := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
	return Retention{Raw: sec(raw), Hourly: sec(hourly), Daily: sec(daily)}, nil
}

// SetRetention stores new settings and, in timescale mode, replaces the
// retention policies to match. Pass a transaction to make it atomic.
func SetRetention(ctx context.Context, db DBTX, r Retention) error {
	if err := r.Validate(); err != nil {
		return err
	}
	mode, err := modeOf(ctx, db)
	if err != nil {
		return err
	}
	for _, t := range tiers() {
		keep := t.keep(r)
		if _, err := db.Exec(ctx, `UPDATE retention_settings SET keep = justify_hours($2) WHERE tier = $1`, t.name, keep); err != nil {
			return fmt.Errorf("schema: set %s retention: %w", t.name, err)
		}
		if mode != ModeTimescale {
			continue
		}
		if _, err := db.Exec(ctx, `SELECT remove_retention_policy($1::regclass, if_exists => true)`, t.relation); err != nil {
			return fmt.Errorf("schema: remove %s retention policy: %w", t.relation, err)
		}
		if _, err := db.Exec(ctx, `SELECT add_retention_policy($1::regclass, drop_after => justify_hours($2::interval))`, t.relation, keep); err != nil {
			return fmt.Errorf("schema: add %s retention policy: %w", t.relation, err)
		}
	}
	return nil
}

// modeOf reads the recorded storage mode through any DBTX.
func modeOf(ctx context.Context, db DBTX) (Mode, error) {
	var mode Mode
	if err := db.QueryRow(ctx, `SELECT storage_mode FROM prophasis_meta`).Scan(&mode); err != nil {
		return "", fmt.Errorf("schema: read storage mode: %w", err)
	}
	return mode, nil
}
