package ingest

import (
	"cmp"
	"slices"
	"time"

	"github.com/prophasis/prophasis/internal/state"
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
// What it keeps of a clean series is what deriving needs — latest result
// time, classification and since — in a pointer-free value the garbage
// collector does not look into: about 90 bytes a series with the map's
// share (100,000 series: 9 MB). The full state of a dirty series waits in
// latest until the flush.
//
// Only the goroutine running Writer.Run uses it.
type stateCache struct {
	series    map[storage.Series]seriesMark
	latest    map[storage.Series]storage.CurrentState // dirty: newer than current_state
	flushedAt time.Time
	evictedAt time.Time
}

// seriesMark is a series' cached state.
type seriesMark struct {
	time, since int64 // Unix nanoseconds
	used        int64 // Unix seconds of the last batch with the series
	class       int8  // state.State's severity
}

// stateIdle is how long a clean series stays cached without results.
const stateIdle = time.Hour

func newStateCache(now time.Time) *stateCache {
	return &stateCache{series: map[storage.Series]seriesMark{}, latest: map[storage.Series]storage.CurrentState{},
		flushedAt: now, evictedAt: now}
}

// dirty counts the series whose latest result is not in current_state.
func (c *stateCache) dirty() int { return len(c.latest) }

// lookup returns the cached state of keys (time, classification and since
// only) and the keys not cached.
func (c *stateCache) lookup(keys []storage.Series) (map[storage.Series]storage.CurrentState, []storage.Series) {
	prev := make(map[storage.Series]storage.CurrentState, len(keys))
	var unknown []storage.Series
	for _, k := range keys {
		m, ok := c.series[k]
		if !ok {
			unknown = append(unknown, k)
			continue
		}
		class, err := state.FromSeverity(int(m.class))
		if err != nil { // cannot happen: remember stored a valid one
			unknown = append(unknown, k)
			continue
		}
		prev[k] = storage.CurrentState{Series: k, Time: time.Unix(0, m.time).UTC(), Classification: class,
			Since: time.Unix(0, m.since).UTC()}
	}
	return prev, unknown
}

// remember records the states of a committed batch; those not in synced
// are newer than current_state until the next flush.
func (c *stateCache) remember(states []storage.CurrentState, synced map[storage.Series]storage.CurrentState, now time.Time) {
	for _, s := range states {
		c.series[s.Series] = seriesMark{time: s.Time.UnixNano(), since: s.Since.UnixNano(), used: now.Unix(),
			class: int8(s.Classification.Severity())}
		if _, ok := synced[s.Series]; ok {
			delete(c.latest, s.Series)
		} else {
			c.latest[s.Series] = s
		}
	}
}

// forget drops keys, so the next batch with them reads them again.
func (c *stateCache) forget(keys []storage.Series) {
	for _, k := range keys {
		delete(c.series, k)
		delete(c.latest, k)
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
	out := make([]storage.CurrentState, 0, len(c.latest))
	for _, s := range c.latest {
		out = append(out, s)
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
		if ok[r.Series] {
			delete(c.latest, r.Series)
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
	limit := now.Add(-stateIdle).Unix()
	for k, m := range c.series {
		if _, dirty := c.latest[k]; !dirty && m.used < limit {
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
