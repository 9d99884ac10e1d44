package ingest

import (
	"slices"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// batchSeries are the distinct series of a batch, in order of first
// appearance, and which of them each item belongs to (slot[i] indexes
// keys): hashing each item's series once serves every later step.
type batchSeries struct {
	keys []storage.Series
	slot []int
}

func seriesOf(batch []item) batchSeries {
	at := make(map[storage.Series]int, min(len(batch), 256))
	bs := batchSeries{slot: make([]int, len(batch))}
	for i := range batch {
		k := seriesKey(batch[i].row)
		j, ok := at[k]
		if !ok {
			j = len(bs.keys)
			at[k] = j
			bs.keys = append(bs.keys, k)
		}
		bs.slot[i] = j
	}
	return bs
}

// derive walks a batch in time order from the stored current state of its
// series and returns the new current state of every series it touched and
// every change of classification, in order. A result older than the
// series' current state (a late pushed result) is stored but changes
// nothing here.
func derive(prev map[storage.Series]storage.CurrentState, batch []item, bs batchSeries) ([]storage.CurrentState, []storage.StateChange) {
	cur := make([]storage.CurrentState, len(bs.keys))
	known := make([]bool, len(bs.keys))
	for j, k := range bs.keys {
		cur[j], known[j] = prev[k]
	}
	var changes []storage.StateChange
	for i := range batch {
		r := &batch[i].row
		j := bs.slot[i]
		c := &cur[j]
		if known[j] && r.Time.Before(c.Time) {
			continue
		}
		from, since := state.NoData, r.Time
		if known[j] {
			from, since = c.Classification, c.Since
		}
		if from != r.Classification {
			since = r.Time
			changes = append(changes, storage.StateChange{Series: bs.keys[j], Time: r.Time, From: from, To: r.Classification,
				Value: r.Value, Message: r.Message})
		}
		*c = storage.CurrentState{Series: bs.keys[j], Time: r.Time, Value: r.Value, Message: r.Message, Status: r.Status,
			Classification: r.Classification, Reason: r.Reason, Since: since}
		known[j] = true
	}
	states := cur[:0]
	for j := range cur {
		if known[j] {
			states = append(states, cur[j])
		}
	}
	return states, changes
}

// hostTransitions compares host health before and after a batch. The
// result blamed for a transition is the host's latest classification
// change in the batch, or its latest result when none changed.
func hostTransitions(before, after map[int64]state.State, batch []item, changes []storage.StateChange) ([]alert.Transition, []storage.HealthChange) {
	cause := map[int64]storage.Result{}
	names := map[int64]string{}
	for _, it := range batch {
		cause[it.row.HostID], names[it.row.HostID] = it.row, it.hostName
	}
	changed := map[int64]bool{}
	for i := len(changes) - 1; i >= 0; i-- {
		c := changes[i]
		if !changed[c.HostID] {
			changed[c.HostID] = true
			cause[c.HostID] = storage.Result{Time: c.Time, HostID: c.HostID, PluginID: c.PluginID, CheckID: c.CheckID,
				Value: c.Value, Message: c.Message}
		}
	}
	var trs []alert.Transition
	var hc []storage.HealthChange
	for _, host := range sortedHosts(cause) {
		from, to := healthOf(before, host), healthOf(after, host)
		if from == to {
			continue
		}
		r := cause[host]
		trs = append(trs, alert.Transition{Subject: alert.SubjectHost, SubjectID: host, Name: names[host],
			From: from, To: to, At: r.Time, Plugin: r.PluginID, CheckID: r.CheckID, Value: r.Value, Message: r.Message})
		hc = append(hc, storage.HealthChange{Time: r.Time, HostID: host, From: from, To: to})
	}
	return trs, hc
}

func seriesKey(r storage.Result) storage.Series {
	return storage.Series{HostID: r.HostID, PluginID: r.PluginID, CheckID: r.CheckID}
}

// changedHosts lists the hosts with a classification change, in order:
// the only hosts whose health a batch can change.
func changedHosts(changes []storage.StateChange) []int64 {
	hosts := make([]int64, len(changes))
	for i, c := range changes {
		hosts[i] = c.HostID
	}
	slices.Sort(hosts)
	return slices.Compact(hosts)
}

// healthOf reads a host's health from a HostHealth map; absent is no data.
func healthOf(m map[int64]state.State, host int64) state.State {
	if s, ok := m[host]; ok {
		return s
	}
	return state.NoData
}
