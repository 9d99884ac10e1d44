package sched

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Store is what the scheduler needs from the database.
type Store interface {
	// Intervals returns the intervals of every enabled schedule.
	Intervals(ctx context.Context) ([]Interval, error)
	// Advance stores next's NextRun and LastRun if the row still holds
	// old's start, period and walking state, and reports whether it did:
	// false means an edit or another scheduler got there first.
	Advance(ctx context.Context, old, next Interval) (bool, error)
	// Expansion loads the checks, groups and hosts of the given schedules.
	Expansion(ctx context.Context, scheduleIDs []int64) (Expansion, error)
}

// Enqueuer takes due jobs; the Dispatcher implements it.
type Enqueuer interface {
	Enqueue(job Job) error
}

// Config tunes a Scheduler; zero fields take the documented defaults.
type Config struct {
	// MaxLateness is how late a run may start before it is skipped
	// (default 30 s).
	MaxLateness time.Duration
	// Poll is the longest sleep between passes, i.e. how soon an edited
	// schedule is noticed (default 1 s).
	Poll time.Duration
	// DBTimeout bounds every database call (default 5 s).
	DBTimeout time.Duration
	// MaxSpread bounds how far into its period each job's run is moved
	// (PhaseOffset), so hosts do not all fire at the grid instant
	// (default DefaultMaxSpread; negative: no spreading).
	MaxSpread time.Duration
}

func (c Config) withDefaults() Config {
	if c.MaxLateness <= 0 {
		c.MaxLateness = 30 * time.Second
	}
	if c.Poll <= 0 {
		c.Poll = time.Second
	}
	if c.DBTimeout <= 0 {
		c.DBTimeout = 5 * time.Second
	}
	if c.MaxSpread == 0 {
		c.MaxSpread = DefaultMaxSpread
	}
	return c
}

// Scheduler walks schedule intervals and enqueues the jobs of due ones.
// Walking state is persisted before jobs are enqueued, so a restart never
// runs a schedule twice for one instant.
type Scheduler struct {
	cfg    Config
	store  Store
	queue  Enqueuer
	clock  Clock
	logger *slog.Logger
}

// New returns a Scheduler; start it with Run.
func New(cfg Config, store Store, queue Enqueuer, clock Clock, logger *slog.Logger) *Scheduler {
	return &Scheduler{cfg: cfg.withDefaults(), store: store, queue: queue, clock: clock,
		logger: logger.With("component", "sched")}
}

// Run makes a pass, sleeps until the next run instant (at most Poll) and
// repeats until ctx ends. A failed pass is retried at the next one: Run
// never gives up while ctx lives, and returns nil on shutdown. While the
// database is down, the first failure is logged as an error, repeats at
// debug level, and the recovery with the number of failed passes.
func (s *Scheduler) Run(ctx context.Context) error {
	failed := 0
	for {
		wake, err := s.Tick(ctx)
		if ctx.Err() != nil {
			return nil
		}
		switch {
		case err != nil && failed == 0:
			s.logger.Error("scheduler pass failed", "err", err)
		case err != nil:
			s.logger.Debug("scheduler pass failed again", "failed_passes", failed+1, "err", err)
		case failed > 0:
			s.logger.Info("scheduler passes succeed again", "failed_passes", failed)
		}
		if err != nil {
			failed++
		} else {
			failed = 0
		}
		wait := min(wake.Sub(s.clock.Now()), s.cfg.Poll)
		select {
		case <-ctx.Done():
			return nil
		case <-s.clock.After(max(wait, 0)):
		}
	}
}

// pending is one interval whose walking state changed in a pass.
type pending struct {
	old, next Interval
	d         Decision
}

// Tick makes one pass at the clock's current time: walk every interval,
// persist what changed and enqueue the jobs of schedules that fired. It
// returns when the next pass is due.
func (s *Scheduler) Tick(ctx context.Context) (time.Time, error) {
	now := s.clock.Now()
	wake := now.Add(s.cfg.Poll)
	ivs, err := withTimeout(ctx, s.cfg.DBTimeout, s.store.Intervals)
	if err != nil {
		return wake, fmt.Errorf("load intervals: %w", err)
	}
	var changed []pending
	var firing []int64
	for _, iv := range ivs {
		if err := iv.Validate(); err != nil {
			s.logger.Warn("interval ignored", "schedule_id", iv.ScheduleID, "err", err)
			continue
		}
		maxLate := s.cfg.MaxLateness
		if iv.MaxLateness > 0 {
			maxLate = iv.MaxLateness
		}
		next, d := iv.Step(now, maxLate)
		if next.NextRun.Before(wake) {
			wake = next.NextRun
		}
		if !next.NextRun.Equal(iv.NextRun) || !next.LastRun.Equal(iv.LastRun) {
			changed = append(changed, pending{old: iv, next: next, d: d})
		}
		if d.Fire {
			firing = append(firing, iv.ScheduleID)
		}
	}
	var exp Expansion
	if len(firing) > 0 {
		exp, err = withTimeout(ctx, s.cfg.DBTimeout, func(ctx context.Context) (Expansion, error) {
			return s.store.Expansion(ctx, firing)
		})
		if err != nil {
			return now.Add(s.cfg.Poll), fmt.Errorf("load checks of %d due schedules: %w", len(firing), err)
		}
	}
	s.enqueue(exp, s.advance(ctx, changed))
	return wake, nil
}
