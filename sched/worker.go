package sched

import (
	"context"
	"fmt"
	"runtime/debug"
)

// work runs a host's jobs one after another until its queue is empty.
func (d *Dispatcher) work(hostID int64, q *hostQueue) {
	defer d.wg.Done()
	for {
		job, ok := d.next(hostID, q)
		if !ok {
			return
		}
		d.runOne(job)
	}
}

// next pops the host's next job, or retires the worker when there is none:
// the emptiness check and the removal from the host map happen under the
// same lock Enqueue takes, so no job can slip in between.
func (d *Dispatcher) next(hostID int64, q *hostQueue) (Job, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	job, ok := q.pop()
	if !ok {
		delete(d.hosts, hostID)
		return Job{}, false
	}
	if n := q.recovered(d.cfg.QueueSize); n > 0 {
		d.logger.Info("host queue accepting again", "host", job.HostName, "host_id", hostID, "dropped", n)
	}
	return job, true
}

// runOne runs job under its deadline and submits the result. The submit
// context survives shutdown cancellation so a result already produced is
// not lost on the way out.
func (d *Dispatcher) runOne(job Job) {
	timeout := d.cfg.Timeout
	if job.Timeout > 0 {
		timeout = job.Timeout + d.cfg.Grace
	}
	ctx, cancel := context.WithTimeout(d.base, timeout)
	start := d.clock.Now()
	d.stats.inFlight.Add(1)
	res := d.run(ctx, job)
	d.stats.inFlight.Add(-1)
	cancel()
	res.Job = job
	if res.Time.IsZero() {
		res.Time = start
	}
	sctx, scancel := context.WithTimeout(context.WithoutCancel(d.base), d.cfg.SubmitTimeout)
	defer scancel()
	if err := d.sink.Submit(sctx, res); err != nil {
		d.stats.sinkErrors.Add(1)
		d.logger.Error("submit result", "job", job, "err", err)
	}
	d.stats.completed.Add(1)
}

// run calls the runner, turning a panic into a result: like net/http with
// a handler, one bad check must not take the core and every host down.
func (d *Dispatcher) run(ctx context.Context, job Job) (res Result) {
	defer func() {
		if p := recover(); p != nil {
			d.logger.Error("check runner panicked", "job", job, "panic", p, "stack", string(debug.Stack()))
			res = Result{Status: StatusPluginError, ExitCode: -1, Message: "internal error while running the check (see the core's log)"}
		}
	}()
	return d.runner.Run(ctx, job)
}

// Shutdown stops accepting jobs and waits for queued and running ones to
// finish. When ctx ends first, queued jobs are dropped, running ones are
// cancelled (their results still reach the sink) and an error says how
// many were dropped.
func (d *Dispatcher) Shutdown(ctx context.Context) error {
	d.mu.Lock()
	d.closed = true
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
