package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
)

// writeContext returns the context batches are written under and a channel
// closed when shutdown begins (ctx ends or Close is called). The context
// outlives ctx so held results can still be written, and ends DrainTimeout
// after shutdown began, cutting short the batch in flight if need be, so
// Close returns on time even behind a large backlog or a slow database.
func (w *Writer) writeContext(ctx context.Context) (context.Context, <-chan struct{}, func()) {
	wctx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	halt := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
		case <-w.stop:
		case <-wctx.Done():
			return
		}
		close(halt)
		deadline := time.NewTimer(w.cfg.DrainTimeout)
		defer deadline.Stop()
		select {
		case <-deadline.C:
			cancel(fmt.Errorf("drain timeout of %s passed", w.cfg.DrainTimeout))
		case <-wctx.Done():
		}
	}()
	return wctx, halt, func() { cancel(nil) }
}

// drain refuses new results and writes the held ones, retrying a failing
// database, until ctx (see writeContext) ends; whatever is left then is
// dropped and reported. Then it writes the cached latest results to
// current_state (once: they are a copy of stored results, not data).
func (w *Writer) drain(ctx context.Context, out *outage) error {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	pause := w.cfg.RetryMin
	for {
		out = w.writeQueued(ctx, nil, true, out)
		switch {
		case w.Stats().Held == 0:
			if err := w.flushStates(ctx); err != nil {
				w.logger.Error("shutdown: latest results of some series not in current_state until their next result",
					"series", w.states.dirty(), "err", err)
			}
			return nil
		case ctx.Err() != nil:
			return w.abandon(ctx, out)
		case out == nil || out.err == nil:
			continue
		}
		select {
		case <-ctx.Done():
			return w.abandon(ctx, out)
		case <-time.After(pause):
		}
		pause = min(2*pause, w.cfg.RetryMax)
	}
}

// abandon drops what is still held when the drain deadline passed: it is
// counted with the dropped results, logged with its exact number and
// written to the system log (best effort: the database may be the cause).
func (w *Writer) abandon(ctx context.Context, out *outage) error {
	w.mu.Lock()
	lost := w.held
	w.chunks, w.held = nil, 0
	w.mu.Unlock()
	w.stats.dropped.Add(int64(lost))
	cause := context.Cause(ctx)
	if out != nil && out.err != nil {
		cause = out.err
	}
	msg := fmt.Sprintf("shutdown: dropped %d accepted results not written within the drain timeout of %s",
		lost, w.cfg.DrainTimeout)
	w.logger.Error(msg, "dropped", lost, "err", cause)
	w.syslog.Write(ctx, storage.LogEntry{Category: "ingest", Severity: storage.LogError, Message: msg,
		Details: map[string]any{"dropped": lost, "drain_timeout": w.cfg.DrainTimeout.String(), "err": cause.Error()}})
	return fmt.Errorf("ingest: shutdown with %d results unwritten: %w", lost, cause)
}
