package sched

import (
	"context"
	"fmt"
)

// Shutdown stops accepting jobs and waits for the due and running ones to
// finish. Jobs whose Due time has not come yet are left, not run early:
// with shared scheduling the host's next owner runs that instant at its
// due time (running it here too would store it twice), and alone the next
// start schedules it again. They are counted in the log, not as dropped.
// When ctx ends first, queued jobs are dropped, running ones are cancelled
// (their results still reach the sink) and an error says how many were
// dropped.
func (d *Dispatcher) Shutdown(ctx context.Context) error {
	d.mu.Lock()
	if !d.closed {
		d.closed = true
		close(d.stop)
		now, left := d.clock.Now(), 0
		for _, q := range d.hosts {
			left += q.removeNotDue(now)
			d.settle(q)
		}
		if left > 0 {
			d.logger.Info("shutdown: checks not yet due left to the next run", "checks", left)
		}
	}
	d.mu.Unlock()
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		d.cancel()
		return nil
	case <-ctx.Done():
	}
	d.mu.Lock()
	dropped := 0
	for _, q := range d.hosts {
		dropped += q.clear()
	}
	d.mu.Unlock()
	d.cancel()
	<-done
	d.stats.dropped.Add(int64(dropped))
	d.logger.Warn("drain deadline passed", "dropped", dropped)
	return fmt.Errorf("%w: %d queued checks dropped, running checks cancelled: %w", ErrDrainTimeout, dropped, ctx.Err())
}
