package ingest

import (
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// hostHealth derives the health of hosts before and after a batch from
// counted, the series that count towards their health as read after the
// batch's states were written (storage.QueueAssignedSeries): after is
// their worst; before is their worst with each series of the batch at its
// previous state (prev), leaving out a series the batch created. Series
// not in the batch are the same before and after it, so one read serves
// both. Every host in hosts is in after, with no data when nothing counts.
func hostHealth(hosts []int64, counted []storage.SeriesState, prev map[storage.Series]storage.CurrentState,
	states []storage.CurrentState) (before, after map[int64]state.State) {
	created := make(map[storage.Series]bool, len(states))
	for _, s := range states {
		if _, ok := prev[s.Series]; !ok {
			created[s.Series] = true
		}
	}
	before, after = map[int64]state.State{}, make(map[int64]state.State, len(hosts))
	for _, h := range hosts {
		after[h] = state.NoData
	}
	for _, c := range counted {
		after[c.HostID] = state.Worst(after[c.HostID], c.Classification)
		was := c.Classification
		if p, ok := prev[c.Series]; ok {
			was = p.Classification
		} else if created[c.Series] {
			continue
		}
		before[c.HostID] = state.Worst(healthOf(before, c.HostID), was)
	}
	return before, after
}
