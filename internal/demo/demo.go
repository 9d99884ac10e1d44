// Package demo fills a database with a small, believable estate and 30
// days of history, so every report has something to show on first start:
// a web tier of three hosts in a redundancy group, a database, a router
// and a file server whose disk slowly fills, with a few incidents.
//
// The history is generated, not measured. Load alone creates no schedule
// and gives the hosts no agent key, so the core never contacts them;
// StartLive (prophasis up --demo) then serves them from an in-process mock
// agent and schedules their checks, so live results continue the history.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/schema"
)

// ErrLoaded is returned when the demo hosts already exist.
var ErrLoaded = errors.New("demo: the demo data set is already loaded")

// Options shape the data set; zero values take the defaults.
type Options struct {
	// Now is where the history ends (default: time.Now, to the minute).
	Now time.Time
	// Days of history (default 30).
	Days int
	// Step between generated results (default 5 minutes).
	Step time.Duration
	// Seed makes the noise reproducible (default 1).
	Seed uint64
}

// Summary says what Load wrote.
type Summary struct {
	Hosts, Results, StateChanges, HealthChanges int
}

// Load writes the demo estate and its history in one transaction, then
// brings the rollups up to date for the generated range.
func Load(ctx context.Context, db *pgxpool.Pool, opt Options) (Summary, error) {
	opt = withDefaults(opt)
	var sum Summary
	err := pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM hosts WHERE name = ANY($1)`, hostNames()).Scan(&n); err != nil {
			return fmt.Errorf("demo: look for demo hosts: %w", err)
		}
		if n > 0 {
			return ErrLoaded
		}
		ids, err := writeEstate(ctx, tx)
		if err != nil {
			return err
		}
		h := generate(opt, ids)
		sum = Summary{Hosts: len(estate), Results: len(h.results), StateChanges: len(h.changes), HealthChanges: len(h.health)}
		return writeHistory(ctx, tx, h)
	})
	if err != nil {
		return Summary{}, err
	}
	from := opt.Now.Add(-time.Duration(opt.Days) * 24 * time.Hour)
	if err := schema.RefreshRollups(ctx, db, from, opt.Now); err != nil {
		return Summary{}, fmt.Errorf("demo: %w", err)
	}
	return sum, nil
}

func withDefaults(o Options) Options {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC().Truncate(time.Minute)
	if o.Days <= 0 {
		o.Days = 30
	}
	if o.Step <= 0 {
		o.Step = 5 * time.Minute
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}
