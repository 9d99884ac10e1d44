package sched

import (
	"context"
	"fmt"
)

// Shutdown stops accepting jobs and waits for queued and running ones to
// finish. Jobs whose Due time has not come yet run at once rather than
// being lost with this process (their results carry the start time).
// When ctx ends first, queued jobs are dropped, running ones are cancelled
// (their results still reach the sink) and an error says how many were
// dropped.
func (d *Dispatcher) Shutdown(ctx context.Context) error {
	d.mu.Lock()
	if !d.closed {
		d.closed = true
		close(d.stop)
		for _, q := range d.hosts {
			d.settle(q)
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
