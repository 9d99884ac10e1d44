package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
)

// flushStatesIfDue writes the cached latest results to current_state when
// StateFlushEvery has passed since the last flush.
func (w *Writer) flushStatesIfDue(ctx context.Context) {
	now := time.Now()
	if now.Sub(w.states.evictedAt) > time.Minute {
		w.states.evictIdle(now)
	}
	if w.states.dirty() > 0 && now.Sub(w.states.flushedAt) >= w.cfg.StateFlushEvery {
		_ = w.flushStates(ctx)
	}
}

// flushStates writes every dirty cached state in one statement, each only
// if the stored row is still the one the cache derived it from; a row
// changed or deleted under it is forgotten. A failure leaves the states
// dirty for the next attempt: the results themselves are stored.
func (w *Writer) flushStates(ctx context.Context) error {
	rows := w.states.pending()
	if len(rows) == 0 {
		return nil
	}
	w.states.flushedAt = time.Now() // a failure waits as long for the next attempt
	was := make([]storage.Expected, len(rows))
	for i, r := range rows {
		was[i] = storage.Expected{Classification: r.Classification, Since: r.Since}
	}
	done, err := w.updateStates(ctx, rows, was)
	if err != nil {
		w.logger.Warn("current state not flushed", "series", len(rows), "err", err)
		return err
	}
	w.states.flushed(rows, done)
	return nil
}

// updateStates runs storage.UpdateCurrentStates on a connection of its own.
func (w *Writer) updateStates(ctx context.Context, rows []storage.CurrentState, was []storage.Expected) ([]storage.Series, error) {
	ctx, cancel := context.WithTimeout(ctx, w.cfg.WriteTimeout)
	defer cancel()
	conn, err := w.db.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("ingest: connection: %w", err)
	}
	defer conn.Release()
	return storage.UpdateCurrentStates(ctx, conn, rows, was)
}
