package ingest

import (
	"slices"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// derive walks a batch in time order from the stored current state of its
// series and returns the new current state of every series it touched and
// every change of classification, in order. A result older than the
// series' current state (a late pushed result) is stored but changes
// nothing here.
func derive(prev map[storage.Series]storage.CurrentState, batch []item) ([]storage.CurrentState, []storage.StateChange) {
	cur := make(map[storage.Series]storage.CurrentState, len(prev))
	var order []storage.Series
	var changes []storage.StateChange
	for _, it := range batch {
		r := it.row
		k := seriesKey(r)
		c, ok := cur[k]
		if !ok {
			c, ok = prev[k]
			order = append(order, k)
		}
		if ok && r.Time.Before(c.Time) {
			cur[k] = c
			continue
		}
		from, since := state.NoData, r.Time
		if ok {
			from, since = c.Classification, c.Since
		}
		if from != r.Classification {
			since = r.Time
			changes = append(changes, storage.StateChange{Series: k, Time: r.Time, From: from, To: r.Classification,
				Value: r.Value, Message: r.Message})
		}
		cur[k] = storage.CurrentState{Series: k, Time: r.Time, Value: r.Value, Message: r.Message, Status: r.Status,
			Classification: r.Classification, Reason: r.Reason, Since: since}
	}
	states := make([]storage.CurrentState, 0, len(order))
	for _, k := range order {
		if c := cur[k]; !c.Time.IsZero() {
			states = append(states, c)
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

// seriesOf lists the distinct series of a batch.
func seriesOf(batch []item) []storage.Series {
	seen := map[storage.Series]bool{}
	var keys []storage.Series
	for _, it := range batch {
		if k := seriesKey(it.row); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
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
