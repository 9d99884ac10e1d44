package core

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/ingest"
)

// alertGate is the alert engine of a process that shares its database with
// other server processes. The engine caches its rule × subject states, so
// two long-lived engines on one database would overwrite each other's
// states. The gate therefore builds a fresh engine (which loads the states
// from the database) for every call and runs that call under the alert
// advisory lock: every process may record transitions and tick, one at a
// time, and when a process dies the next one simply takes the lock.
//
// Transitions are queued and handed over by run, so ingest never waits
// behind a tick that is retrying a slow channel with the lock held.
type alertGate struct {
	db        *pgxpool.Pool
	newEngine func() (*alert.Engine, error)
	retry     time.Duration
	logger    *slog.Logger

	mu    sync.Mutex
	queue []alert.Transition
	wake  chan struct{}
}

var _ ingest.Alerter = (*alertGate)(nil)

func newAlertGate(db *pgxpool.Pool, newEngine func() (*alert.Engine, error), retry time.Duration, logger *slog.Logger) *alertGate {
	if retry <= 0 {
		retry = time.Second
	}
	return &alertGate{db: db, newEngine: newEngine, retry: retry, logger: logger.With("component", "alert.gate"),
		wake: make(chan struct{}, 1)}
}

// Handle queues transitions for run; it never blocks on the lock.
func (g *alertGate) Handle(_ context.Context, trs []alert.Transition) error {
	g.mu.Lock()
	g.queue = append(g.queue, trs...)
	g.mu.Unlock()
	select {
	case g.wake <- struct{}{}:
	default:
	}
	return nil
}

// run hands queued transitions to the engine until ctx ends, in order,
// retrying after a failure; flush hands over what is left at shutdown.
func (g *alertGate) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-g.wake:
		}
		for g.pending() > 0 && ctx.Err() == nil {
			if err := g.deliver(ctx); err != nil {
				if ctx.Err() == nil {
					g.logger.Error("handing transitions to alerting failed; retrying", "err", err)
				}
				select {
				case <-ctx.Done():
				case <-time.After(g.retry):
				}
			}
		}
	}
}

// flush hands over every queued transition or fails when ctx ends first.
func (g *alertGate) flush(ctx context.Context) error {
	for g.pending() > 0 {
		if err := g.deliver(ctx); err != nil {
			return fmt.Errorf("alert: %d transitions not handed over: %w", g.pending(), err)
		}
	}
	return nil
}

func (g *alertGate) pending() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.queue)
}

// deliver hands the queued transitions to a fresh engine under the lock
// and drops them from the queue once the engine has saved them.
func (g *alertGate) deliver(ctx context.Context) error {
	g.mu.Lock()
	batch := slices.Clone(g.queue)
	g.mu.Unlock()
	_, err := withAlertLock(ctx, g.db, true, func(ctx context.Context) error {
		eng, err := g.newEngine()
		if err != nil {
			return err
		}
		return eng.Handle(ctx, batch)
	})
	if err != nil {
		return err
	}
	g.mu.Lock()
	g.queue = g.queue[len(batch):]
	g.mu.Unlock()
	return nil
}

// tick sends what is due unless another process is ticking right now (it
// then sends it), and reports whether it ran.
func (g *alertGate) tick(ctx context.Context) (bool, error) {
	return withAlertLock(ctx, g.db, false, func(ctx context.Context) error {
		eng, err := g.newEngine()
		if err != nil {
			return err
		}
		return eng.Tick(ctx)
	})
}

// runTicks ticks every every until ctx ends.
func (g *alertGate) runTicks(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := g.tick(ctx); err != nil && ctx.Err() == nil {
				g.logger.Error("alert tick failed", "err", err)
			}
		}
	}
}
