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
// everything still held (bounded by DrainTimeout) and returns. It returns
// an error only when accepted results could not be written at shutdown.
func (w *Writer) Run(ctx context.Context) error {
	defer close(w.done)
	tick := time.NewTicker(w.cfg.FlushEvery)
	defer tick.Stop()
	var out *outage
	pause := w.cfg.RetryMin
	for {
		partial := false
		select {
		case <-ctx.Done():
			return w.drain(out)
		case <-w.stop:
			return w.drain(out)
		case <-w.kick:
		case <-tick.C:
			partial = true
		}
		out = w.writeQueued(ctx, partial, out)
		if out == nil || out.err == nil {
			pause = w.cfg.RetryMin
			continue
		}
		select { // the database is down: wait before the next attempt
		case <-ctx.Done():
		case <-w.stop:
		case <-time.After(pause):
		}
		pause = min(2*pause, w.cfg.RetryMax)
	}
}

// writeQueued writes batches until the queue is empty (or holds only a
// filling batch, unless partial) or the database fails. It returns the
// outage in progress, with err set when this round ended in a failure.
func (w *Writer) writeQueued(ctx context.Context, partial bool, out *outage) *outage {
	for {
		batch := w.next(partial || out != nil)
		if batch == nil {
			break
		}
		n, err := w.flush(ctx, batch)
		w.settle(n, batch[n:])
		if out != nil {
			out.written += n
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

// drain refuses new results and writes the held ones, retrying a failing
// database until DrainTimeout; whatever is left then is counted as lost.
func (w *Writer) drain(out *outage) error {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), w.cfg.DrainTimeout)
	defer cancel()
	pause := w.cfg.RetryMin
	for {
		out = w.writeQueued(ctx, true, out)
		if out == nil || out.err == nil {
			if w.Stats().Held == 0 {
				return nil
			}
			continue
		}
		select {
		case <-ctx.Done():
			lost := w.Stats().Held
			w.logger.Error("shutdown: accepted results could not be written", "lost", lost, "err", out.err)
			return fmt.Errorf("ingest: shutdown with %d results unwritten: %w", lost, out.err)
		case <-time.After(pause):
		}
		pause = min(2*pause, w.cfg.RetryMax)
	}
}
