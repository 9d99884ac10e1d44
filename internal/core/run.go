package core

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/bootstrap"
	"github.com/prophasis/prophasis/sched"
)

// lastTickTimeout bounds the alert tick after the final ingest flush.
const lastTickTimeout = 30 * time.Second

// bootstrapTimeout bounds installing the stock plugins at start.
const bootstrapTimeout = time.Minute

// Submit is the entry of passive results (pushed through the REST API):
// they are classified and stored like the results of scheduled checks.
func (c *Core) Submit(ctx context.Context, r sched.Result) error {
	return c.stage.Submit(ctx, r)
}

// IngestStats reports what ingest did with the results so far.
func (c *Core) IngestStats() ingest.Stats { return c.writer.Stats() }

// DispatchStats reports the dispatcher's counters: jobs queued, run and
// results handed to ingest.
func (c *Core) DispatchStats() sched.Stats { return c.disp.Stats() }

// Run runs the pipeline until ctx ends, then shuts it down in order and
// returns. Shutdown is not an error; results that could not be written or
// a failed last alert tick are. Checks still running at the drain deadline
// are abandoned with a warning: they had produced nothing to lose. It
// first installs the stock and server-side plugins (bootstrap), so their
// checks and results are accepted from the first start.
func (c *Core) Run(ctx context.Context) error {
	defer c.applyMemoryLimit()()
	if err := c.bootstrap(ctx); err != nil {
		return err
	}
	base := context.WithoutCancel(ctx)
	alertCtx, stopAlerts := context.WithCancel(base)
	var wg sync.WaitGroup
	var writerErr error
	wg.Go(func() { writerErr = c.writer.Run(base) })
	wg.Go(func() { c.runAlerts(alertCtx) })
	if c.cfg.Scale.Roles.Has(RoleIngest) {
		wg.Go(func() { c.runRetention(alertCtx) })
		wg.Go(func() { c.runSelfCheck(alertCtx) })
	}
	c.logger.Info("pipeline running")

	schedErr := c.runScheduler(ctx)
	drain, cancel := context.WithTimeout(base, c.cfg.DrainTimeout)
	defer cancel()
	if err := c.disp.Shutdown(drain); err != nil {
		// Checks still running (a hung agent) never produced a result, so
		// nothing accepted is lost; say so and carry on with the flush.
		c.logger.Warn("checks abandoned at the drain deadline", "err", err)
	}
	releaseErr := c.releaseLeases(base)
	closeErr := c.writer.Close(base)
	stopAlerts()
	wg.Wait()
	tick, cancelTick := context.WithTimeout(base, lastTickTimeout)
	defer cancelTick()
	tickErr := c.lastTick(tick)
	c.client.Close()
	err := errors.Join(schedErr, releaseErr, closeErr, writerErr, tickErr)
	if err != nil {
		return fmt.Errorf("core: shutdown: %w", err)
	}
	c.logger.Info("pipeline stopped", "ingest", c.writer.Stats())
	return nil
}

// bootstrap installs the stock and server-side plugins. A shutdown asked
// for meanwhile lets it finish (it is short), so stopping right after a
// start is not an error; bootstrapTimeout bounds it if the database hangs.
func (c *Core) bootstrap(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), bootstrapTimeout)
	defer cancel()
	if err := bootstrap.Install(ctx, c.cfg.DB, c.cfg.Logger); err != nil {
		return fmt.Errorf("core: %w", err)
	}
	return nil
}
