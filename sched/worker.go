package sched

import (
	"context"
	"runtime/debug"
)

// settle decides what an idle host needs next: nothing when its queue is
// empty (it is forgotten), a worker when its first job is due (or the
// dispatcher drains), else a wake-up at that job's due time. Callers hold
// d.mu.
func (d *Dispatcher) settle(q *hostQueue) {
	if q.state != idle {
		return
	}
	due, ok := q.head()
	switch {
	case !ok:
		delete(d.hosts, q.id)
	case d.closed || !due.After(d.clock.Now()):
		q.state = ready
		d.ready = append(d.ready, q)
		d.hire()
	case q.wakeAt.IsZero() || due.Before(q.wakeAt):
		q.wakeAt = due
		d.wakeAt(due, q)
	}
}

// hire starts workers for the ready hosts no free worker will take, up to
// MaxRunning. Callers hold d.mu.
func (d *Dispatcher) hire() {
	for len(d.ready) > d.free && d.workers < d.cfg.MaxRunning {
		d.workers++
		d.free++
		d.wg.Add(1)
		go d.work()
	}
}

// work runs the first due job of ready hosts, one host after another in
// the order they became ready, until no host is ready. A host goes back to
// the end of the line after each run, so one host with many due jobs does
// not hold a worker while others wait.
func (d *Dispatcher) work() {
	defer d.wg.Done()
	for {
		q, job, ok := d.take()
		if !ok {
			return
		}
		d.runOne(job)
		d.mu.Lock()
		q.state = idle
		d.free++ // this worker takes the next ready host itself
		d.settle(q)
		d.mu.Unlock()
	}
}

// take pops the next ready host's first job, or retires the worker when no
// host is ready; both under the lock Enqueue takes, so no host can become
// ready unseen.
func (d *Dispatcher) take() (*hostQueue, Job, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.free--
	var q *hostQueue
	for q == nil {
		if len(d.ready) == 0 {
			d.workers--
			d.ready = nil // let a long list's array go
			return nil, Job{}, false
		}
		q = d.ready[0]
		d.ready[0] = nil
		d.ready = d.ready[1:]
		if len(q.jobs) == 0 { // cleared at the drain deadline
			q.state = idle
			d.settle(q)
			q = nil
		}
	}
	job := q.pop()
	q.state = running
	if n := q.recovered(d.cfg.QueueSize); n > 0 {
		d.logger.Info("host queue accepting again", "host", job.HostName, "host_id", q.id, "dropped", n)
	}
	return q, job, true
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
	if !job.Due.IsZero() {
		d.stats.late.add(start.Sub(job.Due))
	}
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
