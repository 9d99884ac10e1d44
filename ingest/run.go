package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
)

// outage tracks one period of an unreachable database, for the report
// written when it ends.
type outage struct {
	since   time.Time
	written int // held results written since the outage began
	err     error
}

// Run writes batches until ctx ends or Close is called, then writes
// everything still held and returns. Shutdown is bounded by DrainTimeout
// from the moment it begins, the batch in flight included: what is not
// written by then is counted as dropped and reported. It returns an error
// only when accepted results could not be written at shutdown.
func (w *Writer) Run(ctx context.Context) error {
	defer close(w.done)
	wctx, halt, cancel := w.writeContext(ctx)
	defer cancel()
	tick := time.NewTicker(w.cfg.FlushEvery)
	defer tick.Stop()
	var out *outage
	pause := w.cfg.RetryMin
	for {
		partial := false
		select {
		case <-halt:
			return w.drain(wctx, out)
		case <-w.kick:
		case <-tick.C:
			partial = true
		}
		out = w.writeQueued(wctx, halt, partial, out)
		if out == nil || out.err == nil {
			pause = w.cfg.RetryMin
			continue
		}
		select { // the database is down: wait before the next attempt
		case <-halt:
		case <-time.After(pause):
		}
		pause = min(2*pause, w.cfg.RetryMax)
	}
}

// writeQueued writes batches until the queue is empty (or holds only a
// filling batch, unless partial) or the database fails. It returns the
// outage in progress, with err set when this round ended in a failure.
// It stops between batches once halt is closed (shutdown began: the drain
// takes over) and when ctx ends (the drain deadline passed); a batch cut
// short by ctx is put back and is no sign of an outage.
func (w *Writer) writeQueued(ctx context.Context, halt <-chan struct{}, partial bool, out *outage) *outage {
	for {
		select {
		case <-halt:
			return out
		default:
		}
		batch := w.next(partial || out != nil)
		if batch == nil {
			if out == nil {
				w.flushStatesIfDue(ctx)
			}
			break
		}
		if ctx.Err() != nil {
			w.settle(0, batch)
			return out
		}
		n, err := w.flush(ctx, batch)
		w.settle(n, batch[n:])
		if out != nil {
			out.written += n
		}
		if err == nil {
			w.flushStatesIfDue(ctx)
		}
		if err != nil && ctx.Err() != nil {
			return out
		}
		if err != nil {
			w.stats.retries.Add(1)
			if out == nil {
				out = &outage{since: time.Now()}
				w.logger.Warn("database unreachable, holding results in memory", "err", err, "held", w.Stats().Held)
			}
			out.err = err
			return out
		}
	}
	if out != nil {
		out.err = nil
		// The backlog is gone once less than a batch waits; under steady
		// load the queue is never exactly empty.
		if w.Stats().Held < w.cfg.BatchSize {
			w.recovered(ctx, out)
			return nil
		}
		return out
	}
	w.reportDropped(ctx)
	return nil
}

// recovered reports the end of an outage: how many results were held and
// written, and exactly how many were dropped past the bound.
func (w *Writer) recovered(ctx context.Context, out *outage) {
	dropped := w.takeDropped()
	msg := fmt.Sprintf("database reachable again after %s: wrote %d held results, dropped %d past the buffer bound of %d",
		time.Since(out.since).Round(time.Millisecond), out.written, dropped, w.cfg.MaxBuffered)
	w.logger.Warn(msg, "held", out.written, "dropped", dropped)
	sev := storage.LogWarning
	if dropped > 0 {
		sev = storage.LogError
	}
	w.syslog.Write(ctx, storage.LogEntry{Category: "ingest", Severity: sev, Message: msg, Details: map[string]any{
		"held": out.written, "dropped": dropped, "bound": w.cfg.MaxBuffered, "since": out.since.UTC()}})
}

// reportDropped reports results refused while the database was up (the
// writer could not keep up).
func (w *Writer) reportDropped(ctx context.Context) {
	if dropped := w.takeDropped(); dropped > 0 {
		msg := fmt.Sprintf("dropped %d results past the buffer bound of %d", dropped, w.cfg.MaxBuffered)
		w.logger.Error(msg, "dropped", dropped)
		w.syslog.Write(ctx, storage.LogEntry{Category: "ingest", Severity: storage.LogError, Message: msg,
			Details: map[string]any{"dropped": dropped, "bound": w.cfg.MaxBuffered}})
	}
}

func (w *Writer) takeDropped() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := w.dropped
	w.dropped = 0
	return n
}
