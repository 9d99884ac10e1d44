// Package ingest is the write path: classified results are batched and
// written with COPY; in the same transaction classification changes are
// appended to state_changes, the current state of the series that changed
// is updated and host health changes are appended to health_changes.
// Health transitions are then handed to the alert engine. The latest
// result of the other series reaches current_state within StateFlushEvery
// (see stateCache).
//
// When PostgreSQL is unreachable, accepted results wait in a bounded memory
// buffer and are written once it returns; a result is either written,
// refused at Submit (counted and logged), or rejected by the database row by
// row (logged to the system log with the reason). None is lost silently.
package ingest

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/sched"
)

// Result is a run's result with its classification: what the writer stores.
type Result struct {
	sched.Result
	State  state.State
	Reason string
}

// Alerter takes host and service health transitions; *alert.Engine
// implements it.
type Alerter interface {
	Handle(ctx context.Context, trs []alert.Transition) error
}

// DB is what the writer needs from a *pgxpool.Pool: a connection of its
// own per batch, so that BEGIN and COMMIT can travel in one pipeline with
// the batch's statements.
type DB interface {
	Acquire(ctx context.Context) (*pgxpool.Conn, error)
}

// Errors Submit returns for a result it did not accept.
var (
	ErrFull    = errors.New("ingest: buffer full, result dropped")
	ErrClosed  = errors.New("ingest: writer closed")
	ErrInvalid = errors.New("ingest: invalid result")
)

// Config tunes a Writer; zero fields take the documented defaults.
type Config struct {
	// BatchSize is the number of results written per transaction (1000).
	BatchSize int
	// FlushEvery bounds how long an accepted result waits for a batch to
	// fill (200 ms).
	FlushEvery time.Duration
	// MaxBuffered bounds the results held in memory while the database is
	// unreachable (100,000); Submit refuses results past it.
	MaxBuffered int
	// WriteTimeout bounds one batch transaction (30 s).
	WriteTimeout time.Duration
	// RetryMin and RetryMax bound the pause between attempts while the
	// database is unreachable (200 ms, 5 s).
	RetryMin, RetryMax time.Duration
	// DrainTimeout bounds the final flush after Run's ctx ends (30 s).
	DrainTimeout time.Duration
	// StateFlushEvery is how often the latest result of series whose
	// classification did not change is written to current_state (1 s);
	// see stateCache.
	StateFlushEvery time.Duration
}

func (c Config) withDefaults() Config {
	setDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 1000
	}
	if c.MaxBuffered <= 0 {
		c.MaxBuffered = 100_000
	}
	c.MaxBuffered = max(c.MaxBuffered, c.BatchSize)
	setDur(&c.FlushEvery, 200*time.Millisecond)
	setDur(&c.WriteTimeout, 30*time.Second)
	setDur(&c.RetryMin, 200*time.Millisecond)
	setDur(&c.RetryMax, 5*time.Second)
	setDur(&c.DrainTimeout, 30*time.Second)
	setDur(&c.StateFlushEvery, time.Second)
	return c
}
