package core

import (
	"context"
	"sync"

	"github.com/prophasis/prophasis/alert"
)

// runScheduler runs the scheduler until ctx ends, when this process has the
// sched role; sharing, it first takes its share of the hosts and keeps the
// leases renewed until the scheduler has stopped.
func (c *Core) runScheduler(ctx context.Context) error {
	if !c.cfg.Scale.Roles.Has(RoleSched) {
		<-ctx.Done()
		return nil
	}
	if c.cluster == nil || c.cluster.leases == nil {
		return c.sched.Run(ctx)
	}
	leases := c.cluster.leases
	if err := leases.Refresh(ctx); err != nil {
		c.logger.Error("first lease refresh failed; retrying", "err", err)
	}
	leaseCtx, stopLeases := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { _ = leases.Run(leaseCtx) })
	err := c.sched.Run(ctx)
	stopLeases()
	wg.Wait() // no renewal may race the release that follows the drain
	return err
}

// releaseLeases hands this scheduler's hosts to the others at once after a
// graceful stop (a process that died loses them when they expire).
func (c *Core) releaseLeases(ctx context.Context) error {
	if c.cluster == nil || c.cluster.leases == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, releaseTimeout)
	defer cancel()
	return c.cluster.leases.Release(ctx)
}

// runAlerts runs the alert engine until ctx ends: alone, the one engine;
// sharing, the gate's hand-over of transitions, and its ticks when this
// process has the ingest role.
func (c *Core) runAlerts(ctx context.Context) {
	if c.cluster == nil {
		_ = c.alerts.Run(ctx)
		return
	}
	var wg sync.WaitGroup
	wg.Go(func() { c.cluster.gate.run(ctx) })
	if c.cfg.Scale.Roles.Has(RoleIngest) {
		every := c.cfg.AlertTick
		if every <= 0 {
			every = alert.DefaultTickEvery
		}
		wg.Go(func() { c.cluster.gate.runTicks(ctx, every) })
	}
	wg.Wait()
}

// lastTick sends what the last results caused, after the final flush.
func (c *Core) lastTick(ctx context.Context) error {
	if c.cluster == nil {
		return c.alerts.Tick(ctx)
	}
	if err := c.cluster.gate.flush(ctx); err != nil {
		return err
	}
	if !c.cfg.Scale.Roles.Has(RoleIngest) {
		return nil
	}
	_, err := c.cluster.gate.tick(ctx)
	return err
}
