package ingest

import (
	"cmp"
	"slices"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
)

// stateCache is the writer's copy of the current state of the series it
// writes. With it a batch derives its classification changes without
// reading and locking those rows, and a series whose classification did
// not change is not written to current_state at every batch: its latest
// result waits here (dirty) and flushStates writes all of them in one
// statement every StateFlushEvery. Classifications and their since are
// always written in the batch's own transaction, so what alerting, health
// and state_changes depend on is never behind; only current_state's time,
// value, message, status and reason may lag by StateFlushEvery, and by
// that much after a crash until the series' next result.
//
// The copy is checked, never trusted: every write of a state is
// conditional on the stored classification and since being the ones the
// cache holds (storage.UpdateCurrentStates), so a row another writer
// changed meanwhile (another core, a pushed result, a deleted check) is
// detected, forgotten and read again under lock. A scheduler that takes
// hosts over from another process says so first (Writer.ForgetHosts).
//
// Only the goroutine running Writer.Run uses it.
type stateCache struct {
	series    map[storage.Series]*cachedState
	dirty     int
	flushedAt time.Time
	evictedAt time.Time
}

type cachedState struct {
	storage.CurrentState
	dirty bool      // newer than current_state
	used  time.Time // last batch that had the series
}

// stateIdle is how long a clean series stays cached without results.
const stateIdle = time.Hour

func newStateCache(now time.Time) *stateCache {
	return &stateCache{series: map[storage.Series]*cachedState{}, flushedAt: now, evictedAt: now}
}

// lookup returns the cached state of keys and the keys not cached.
func (c *stateCache) lookup(keys []storage.Series) (map[storage.Series]storage.CurrentState, []storage.Series) {
	prev := make(map[storage.Series]storage.CurrentState, len(keys))
	var unknown []storage.Series
	for _, k := range keys {
		if s, ok := c.series[k]; ok {
			prev[k] = s.CurrentState
		} else {
			unknown = append(unknown, k)
		}
	}
	return prev, unknown
}

// remember records the states of a committed batch; those not in synced
// are newer than current_state until the next flush.
func (c *stateCache) remember(states []storage.CurrentState, synced map[storage.Series]bool, now time.Time) {
	for _, s := range states {
		e, ok := c.series[s.Series]
		if !ok {
			e = &cachedState{}
			c.series[s.Series] = e
		}
		dirty := !synced[s.Series]
		switch {
		case dirty && !e.dirty:
			c.dirty++
		case !dirty && e.dirty:
			c.dirty--
		}
		e.CurrentState, e.dirty, e.used = s, dirty, now
	}
}

// forget drops keys, so the next batch with them reads them again.
func (c *stateCache) forget(keys []storage.Series) {
	for _, k := range keys {
		if e, ok := c.series[k]; ok {
			if e.dirty {
				c.dirty--
			}
			delete(c.series, k)
		}
	}
}

// forgetHosts drops every series of hosts. A dirty one is dropped too: the
// other process's results for it are newer.
func (c *stateCache) forgetHosts(hosts []int64) {
	drop := make(map[int64]bool, len(hosts))
	for _, h := range hosts {
		drop[h] = true
	}
	var keys []storage.Series
	for k := range c.series {
		if drop[k.HostID] {
			keys = append(keys, k)
		}
	}
	c.forget(keys)
}

// pending lists the dirty states ordered by series, so two writers
// flushing the same rows take their locks in the same order.
func (c *stateCache) pending() []storage.CurrentState {
	out := make([]storage.CurrentState, 0, c.dirty)
	for _, e := range c.series {
		if e.dirty {
			out = append(out, e.CurrentState)
		}
	}
	sortStates(out)
	return out
}

// flushed marks the written states clean and forgets the rest of rows:
// current_state no longer holds what the cache thought it did.
func (c *stateCache) flushed(rows []storage.CurrentState, written []storage.Series) {
	ok := make(map[storage.Series]bool, len(written))
	for _, k := range written {
		ok[k] = true
	}
	var gone []storage.Series
	for _, r := range rows {
		if e := c.series[r.Series]; ok[r.Series] {
			e.dirty = false
			c.dirty--
		} else {
			gone = append(gone, r.Series)
		}
	}
	c.forget(gone)
}

// evictIdle drops clean series that had no result for stateIdle, so the
// cache follows the configuration rather than growing with every series
// ever seen.
func (c *stateCache) evictIdle(now time.Time) {
	for k, e := range c.series {
		if !e.dirty && now.Sub(e.used) > stateIdle {
			delete(c.series, k)
		}
	}
	c.evictedAt = now
}

// sortStates orders states as current_state's unique index does.
func sortStates(states []storage.CurrentState) {
	slices.SortFunc(states, func(a, b storage.CurrentState) int {
		return cmp.Or(cmp.Compare(a.HostID, b.HostID), cmp.Compare(a.PluginID, b.PluginID), cmp.Compare(a.CheckID, b.CheckID))
	})
}
