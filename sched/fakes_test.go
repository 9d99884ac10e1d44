package sched

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeRunner counts concurrent runs per host and overall with atomics and
// can hold a host's runs until its gate opens or their context ends.
type fakeRunner struct {
	active   sync.Map // host id → *atomic.Int32
	total    atomic.Int32
	maxHost  atomic.Int32
	maxTotal atomic.Int32
	started  chan Job
	gates    map[int64]chan struct{}
}

func newFakeRunner() *fakeRunner {
	return &fakeRunner{started: make(chan Job, 10000), gates: map[int64]chan struct{}{}}
}

func raise(max *atomic.Int32, v int32) {
	for m := max.Load(); v > m && !max.CompareAndSwap(m, v); m = max.Load() {
	}
}

func (f *fakeRunner) Run(ctx context.Context, job Job) Result {
	c, _ := f.active.LoadOrStore(job.HostID, new(atomic.Int32))
	n := c.(*atomic.Int32).Add(1)
	defer c.(*atomic.Int32).Add(-1)
	raise(&f.maxHost, n)
	raise(&f.maxTotal, f.total.Add(1))
	defer f.total.Add(-1)
	f.started <- job
	if gate, ok := f.gates[job.HostID]; ok {
		select {
		case <-gate:
		case <-ctx.Done():
			return Result{Status: StatusTimeout, Message: ctx.Err().Error()}
		}
	}
	return Result{Status: StatusOK}
}

// fakeSink collects results on a channel.
type fakeSink struct{ got chan Result }

func newFakeSink() *fakeSink { return &fakeSink{got: make(chan Result, 10000)} }

func (s *fakeSink) Submit(_ context.Context, r Result) error {
	s.got <- r
	return nil
}

// receive waits for n values, failing the test after a generous bound.
func receive[T any](t *testing.T, ch <-chan T, n int) []T {
	t.Helper()
	out := make([]T, 0, n)
	deadline := time.After(10 * time.Second)
	for len(out) < n {
		select {
		case v := <-ch:
			out = append(out, v)
		case <-deadline:
			t.Fatalf("got %d of %d", len(out), n)
		}
	}
	return out
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
