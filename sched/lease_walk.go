package sched

import (
	"context"
	"sync"
	"time"
)

// LocalWalk is the Store of a scheduler that shares hosts through leases.
// A lone scheduler claims each instant of an interval with a compare-and-set
// on the shared row, so exactly one process fires it; with leases, every
// scheduler must fire every instant for the hosts it holds. LocalWalk
// therefore keeps the walking state (NextRun, LastRun) of each interval in
// memory. It still writes the state back when it is ahead of the row, so a
// scheduler restarting does not replay instants it already ran.
type LocalWalk struct {
	inner   Store
	started time.Time

	mu    sync.Mutex
	walk  map[int64]Interval // this process's state, by interval id
	saved map[int64]Interval // the rows as last read
}

var _ Store = (*LocalWalk)(nil)

// NewLocalWalk wraps the shared store for a scheduler starting at started.
func NewLocalWalk(inner Store, started time.Time) *LocalWalk {
	return &LocalWalk{inner: inner, started: started, walk: map[int64]Interval{}, saved: map[int64]Interval{}}
}

// Intervals returns the stored intervals with this process's walking state.
// An interval seen for the first time starts from the stored state, except
// that instants from this process's start on, which another scheduler may
// have run for its own hosts only, are walked again: the leases keep them
// from running twice on one host. An interval whose start or period was
// edited starts afresh, as a new one would.
func (w *LocalWalk) Intervals(ctx context.Context) ([]Interval, error) {
	ivs, err := w.inner.Intervals(ctx)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	walk := make(map[int64]Interval, len(ivs))
	clear(w.saved)
	for i, iv := range ivs {
		w.saved[iv.ID] = iv
		mine, ok := w.walk[iv.ID]
		switch {
		case ok && mine.Start.Equal(iv.Start) && mine.Period == iv.Period:
			ivs[i].NextRun, ivs[i].LastRun = mine.NextRun, mine.LastRun
		case ok:
			ivs[i].NextRun, ivs[i].LastRun = time.Time{}, time.Time{}
		case !iv.LastRun.Before(w.started) && iv.Validate() == nil:
			ivs[i].NextRun = iv.atOrAfter(w.started)
			ivs[i].LastRun = ivs[i].NextRun.Add(-time.Nanosecond)
		}
		walk[iv.ID] = ivs[i]
	}
	w.walk = walk
	return ivs, nil
}

// Advance records next as this process's state and always claims the run:
// leases, not the row, decide which hosts it runs. The row is updated when
// next is ahead of it; losing that race to another scheduler is fine.
func (w *LocalWalk) Advance(ctx context.Context, old, next Interval) (bool, error) {
	w.mu.Lock()
	row, ok := w.saved[old.ID]
	w.mu.Unlock()
	if ok && next.NextRun.After(row.NextRun) {
		if _, err := w.inner.Advance(ctx, row, next); err != nil {
			return false, err
		}
	}
	w.mu.Lock()
	w.walk[old.ID] = next
	w.mu.Unlock()
	return true, nil
}

// Expansion is the shared store's.
func (w *LocalWalk) Expansion(ctx context.Context, scheduleIDs []int64) (Expansion, error) {
	return w.inner.Expansion(ctx, scheduleIDs)
}
