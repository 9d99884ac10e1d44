package classify

import (
	"context"
	"sync/atomic"
	"time"
)

// runDeadline is the time limit of one sandbox's runs as a reusable
// context: one timer and one channel per sandbox instead of a
// context.WithTimeout (a timer and four allocations) per run. When the
// deadline passes, the channel is closed for good and the sandbox is
// discarded, so a closed channel is never reused.
//
// The parent context's values are visible, but its cancellation is not
// propagated into a running classifier: a run ends at its own deadline
// anyway, and the engine checks the parent when the run returns.
type runDeadline struct {
	parent   context.Context
	deadline time.Time
	done     chan struct{}
	timer    *time.Timer
	expired  atomic.Bool
}

var _ context.Context = (*runDeadline)(nil)

func newRunDeadline() *runDeadline {
	d := &runDeadline{done: make(chan struct{})}
	d.timer = time.AfterFunc(time.Hour, d.expire)
	d.timer.Stop()
	return d
}

func (d *runDeadline) expire() {
	d.expired.Store(true)
	close(d.done)
}

// start arms the deadline for a run.
func (d *runDeadline) start(parent context.Context, timeout time.Duration) {
	d.parent, d.deadline = parent, time.Now().Add(timeout)
	d.timer.Reset(timeout)
}

// stop disarms the deadline after a run. It returns false when the
// deadline has passed (or is passing): the context is spent.
func (d *runDeadline) stop() bool {
	d.parent = nil
	return d.timer.Stop() && !d.expired.Load()
}

// Deadline implements context.Context.
func (d *runDeadline) Deadline() (time.Time, bool) { return d.deadline, true }

// Done implements context.Context.
func (d *runDeadline) Done() <-chan struct{} { return d.done }

// Err implements context.Context.
func (d *runDeadline) Err() error {
	if d.expired.Load() {
		return context.DeadlineExceeded
	}
	return nil
}

// Value implements context.Context with the parent's values.
func (d *runDeadline) Value(key any) any {
	if p := d.parent; p != nil {
		return p.Value(key)
	}
	return nil
}
