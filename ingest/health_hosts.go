package ingest

import (
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// hostHealth derives the health of hosts before and after a batch from
// counted, the series that count towards their health as committed before
// the batch, with the series the batch creates (storage.QueueAssignedSeries),
// and from written, the states the batch's transaction writes: after is
// the worst of counted with written laid over it; before is their worst
// with each series of the batch at its previous state (prev), leaving out
// a series the batch creates. A series the batch does not write is the
// same before and after it, so one read serves both. Every host in hosts
// is in after, with no data when nothing counts.
func hostHealth(hosts []int64, counted []storage.SeriesState, prev map[storage.Series]storage.CurrentState,
	written map[storage.Series]storage.CurrentState) (before, after map[int64]state.State) {
	before, after = map[int64]state.State{}, make(map[int64]state.State, len(hosts))
	for _, h := range hosts {
		after[h] = state.NoData
	}
	for _, c := range counted {
		now, was := c.Classification, c.Classification
		if w, ok := written[c.Series]; ok {
			now = w.Classification
		}
		after[c.HostID] = state.Worst(after[c.HostID], now)
		if p, ok := prev[c.Series]; ok {
			was = p.Classification
		} else if _, created := written[c.Series]; created {
			continue
		}
		before[c.HostID] = state.Worst(healthOf(before, c.HostID), was)
	}
	return before, after
}
