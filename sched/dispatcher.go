package sched

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Runner runs one job. It must return once ctx is done (the dispatcher's
// per-check deadline, or shutdown) and always returns a Result: failures
// are results with a Status, not errors, so they are stored like any other.
type Runner interface {
	Run(ctx context.Context, job Job) Result
}

// Sink takes finished results; ingest implements it.
type Sink interface {
	Submit(ctx context.Context, r Result) error
}

// Errors Enqueue returns for a job it did not accept.
var (
	ErrDuplicate = errors.New("sched: same check already queued for this host")
	ErrQueueFull = errors.New("sched: host queue full")
	ErrShutDown  = errors.New("sched: dispatcher shut down")
)

// ErrDrainTimeout is wrapped by Shutdown's error when checks were still
// queued or running at its deadline.
var (
	ErrDrainTimeout = errors.New("sched: drain deadline passed")
)

// DispatchConfig tunes a Dispatcher; zero fields take the documented defaults.
type DispatchConfig struct {
	// QueueSize bounds the jobs waiting per host (default 16), so a hung
	// host costs bounded memory.
	QueueSize int
	// Timeout is the deadline of a job without its own (default 60 s).
	Timeout time.Duration
	// Grace is added to a job's own timeout (default 5 s), so an agent
	// that kills a plugin at that timeout can still report it.
	Grace time.Duration
	// SubmitTimeout bounds handing one result to the sink (default 10 s).
	SubmitTimeout time.Duration
	// MaxRunning bounds the checks in flight across all hosts (default
	// 2048), so 10,000 hosts never hold a goroutine and a connection each
	// at once. Checks mostly wait on agents: it must exceed checks/s ×
	// mean run time (wall clock, queueing included), plus the hosts that
	// may hang at once; in B2 (2,400 checks/s on a busy 2-core machine)
	// 512 held the rate to 2,050/s with seconds of lateness.
	MaxRunning int
}

func (c DispatchConfig) withDefaults() DispatchConfig {
	if c.QueueSize <= 0 {
		c.QueueSize = 16
	}
	if c.Timeout <= 0 {
		c.Timeout = time.Minute
	}
	if c.Grace <= 0 {
		c.Grace = 5 * time.Second
	}
	if c.SubmitTimeout <= 0 {
		c.SubmitTimeout = 10 * time.Second
	}
	if c.MaxRunning <= 0 {
		c.MaxRunning = 2048
	}
	return c
}

// Dispatcher keeps one queue per host, ordered by due time, and runs
// exactly one job per host at a time on a pool of at most MaxRunning
// workers. A job waits in its queue until its Due time; a host is handed
// to the pool only when its first job is due and no other job of it runs,
// so a host with nothing due holds no goroutine, and a host with nothing
// queued holds nothing at all. Every state change happens under one mutex,
// so a job enqueued while a host's run ends is never stranded.
type Dispatcher struct {
	cfg    DispatchConfig
	runner Runner
	sink   Sink
	clock  Clock
	logger *slog.Logger
	base   context.Context
	cancel context.CancelFunc
	stop   chan struct{} // closed by Shutdown: the waker leaves
	poke   chan struct{} // an earlier wake-up was scheduled
	wg     sync.WaitGroup
	stats  counters

	mu      sync.Mutex
	closed  bool
	hosts   map[int64]*hostQueue
	ready   []*hostQueue // hosts whose first job is due, oldest first
	workers int          // worker goroutines
	free    int          // workers about to take a ready host (started, or between runs)
	timers  wakeHeap
	waking  bool // the waker goroutine runs
}

// NewDispatcher returns a dispatcher that runs jobs with runner and hands
// results to sink. Call Shutdown to stop it.
func NewDispatcher(cfg DispatchConfig, runner Runner, sink Sink, clock Clock, logger *slog.Logger) *Dispatcher {
	base, cancel := context.WithCancel(context.Background())
	return &Dispatcher{
		cfg: cfg.withDefaults(), runner: runner, sink: sink, clock: clock,
		logger: logger.With("component", "dispatch"),
		base:   base, cancel: cancel, stop: make(chan struct{}), poke: make(chan struct{}, 1),
		hosts: map[int64]*hostQueue{},
	}
}

// Enqueue queues job on its host's queue, to run once its Due time has
// come (at once when Due is past or zero). It returns ErrDuplicate when the
// same job is already waiting, ErrQueueFull when the host's queue is full
// (the new job is dropped and counted) and ErrShutDown after Shutdown began.
func (d *Dispatcher) Enqueue(job Job) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return ErrShutDown
	}
	q, ok := d.hosts[job.HostID]
	if !ok {
		q = &hostQueue{id: job.HostID}
		d.hosts[job.HostID] = q
	}
	err := q.push(job, d.cfg.QueueSize)
	d.stats.admit(err)
	switch {
	case err == nil:
		d.settle(q)
	case errors.Is(err, ErrQueueFull) && q.dropped == 1:
		d.logger.Warn("host queue full, dropping new checks until it drains", "job", job, "queue_size", d.cfg.QueueSize)
	}
	return err
}

// Stats returns the dispatcher's counters.
func (d *Dispatcher) Stats() Stats {
	d.mu.Lock()
	hosts := len(d.hosts)
	d.mu.Unlock()
	return d.stats.snapshot(hosts)
}
