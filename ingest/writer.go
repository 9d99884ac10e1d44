package ingest

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Writer batches accepted results and writes them; see the package doc.
// Start it with Run; Submit is safe for concurrent use.
type Writer struct {
	cfg     Config
	db      DB
	alerter Alerter
	syslog  *SystemLog
	logger  *slog.Logger

	mu      sync.Mutex
	chunks  [][]item // full batches first, the one filling last
	held    int
	closed  bool
	dropped int     // refused since the last report
	forget  []int64 // hosts whose cached states the next batch drops

	states *stateCache // used by Run's goroutine only

	kick     chan struct{}
	stop     chan struct{}
	stopOnce sync.Once
	done     chan struct{}
	stats    struct{ written, rejected, dropped, retries atomic.Int64 }
}

// Stats counts what happened to submitted results since the writer started.
type Stats struct {
	Written  int64 // stored
	Rejected int64 // refused by the database row by row (system log says why)
	Dropped  int64 // refused by Submit with ErrFull
	Retries  int64 // batch attempts that failed on an unreachable database
	Held     int   // waiting in memory now
}

// NewWriter returns a Writer storing into db and handing health transitions
// to alerter (nil: nobody is told). Problems go to syslog.
func NewWriter(cfg Config, db DB, alerter Alerter, syslog *SystemLog, logger *slog.Logger) *Writer {
	return &Writer{
		cfg: cfg.withDefaults(), db: db, alerter: alerter, syslog: syslog,
		logger: logger.With("component", "ingest"), states: newStateCache(time.Now()),
		kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}),
	}
}

// Submit accepts r for writing. It never blocks on the database: it returns
// ErrInvalid for a result that can never be stored, ErrFull when the
// buffer is at its bound (the result is dropped and counted) and ErrClosed
// after shutdown began. A nil error means r will be written or, if the
// database rejects it, reported in the system log.
func (w *Writer) Submit(_ context.Context, r Result) error {
	it, err := newItem(r)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.closed:
		return ErrClosed
	case w.held >= w.cfg.MaxBuffered:
		w.dropped++
		w.stats.dropped.Add(1)
		return ErrFull
	}
	last := len(w.chunks) - 1
	if last < 0 || len(w.chunks[last]) >= w.cfg.BatchSize {
		w.chunks = append(w.chunks, make([]item, 0, w.cfg.BatchSize))
		last++
	}
	w.chunks[last] = append(w.chunks[last], it)
	w.held++
	if len(w.chunks[last]) == w.cfg.BatchSize {
		select {
		case w.kick <- struct{}{}:
		default:
		}
	}
	return nil
}

// ForgetHosts makes the writer drop what it cached of the hosts' current
// state before its next batch, so that batch reads them from the database:
// another process wrote their results until now (its scheduler held
// them). Safe for concurrent use.
func (w *Writer) ForgetHosts(hostIDs []int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.forget = append(w.forget, hostIDs...)
}

// takeForget returns and clears the hosts ForgetHosts was given.
func (w *Writer) takeForget() []int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	hosts := w.forget
	w.forget = nil
	return hosts
}

// Stats returns the writer's counters.
func (w *Writer) Stats() Stats {
	w.mu.Lock()
	held := w.held
	w.mu.Unlock()
	return Stats{Written: w.stats.written.Load(), Rejected: w.stats.rejected.Load(),
		Dropped: w.stats.dropped.Load(), Retries: w.stats.retries.Load(), Held: held}
}

// Close stops accepting results and waits until Run has written everything
// accepted (or its DrainTimeout passed) and returned, or ctx ends. Run must
// have been started.
func (w *Writer) Close(ctx context.Context) error {
	w.stopOnce.Do(func() { close(w.stop) })
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// next takes the first batch off the queue: a full one, or with partial
// set, whatever has arrived. The caller puts back what it could not write.
func (w *Writer) next(partial bool) []item {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.chunks) == 0 || (!partial && len(w.chunks[0]) < w.cfg.BatchSize) {
		return nil
	}
	batch := w.chunks[0]
	w.chunks = w.chunks[1:]
	return batch
}

// settle removes n written or rejected results from the held count and puts
// the unwritten rest back at the front of the queue.
func (w *Writer) settle(n int, rest []item) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.held -= n
	if len(rest) > 0 {
		w.chunks = append([][]item{rest}, w.chunks...)
	}
}
