package ingest

import (
	"testing"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestHostHealth(t *testing.T) {
	cpu := storage.Series{HostID: 1, PluginID: "test.cpu"}
	disk := storage.Series{HostID: 1, PluginID: "test.disk"}
	cur := func(k storage.Series, s state.State) storage.CurrentState {
		return storage.CurrentState{Series: k, Classification: s}
	}
	counted := func(k storage.Series, s state.State) storage.SeriesState {
		return storage.SeriesState{Series: k, Classification: s}
	}
	// counted is as committed before the batch, plus the series the batch
	// creates; written is what the batch's transaction writes.
	tests := []struct {
		name          string
		counted       []storage.SeriesState
		prev          []storage.CurrentState
		written       []storage.CurrentState
		before, after state.State
	}{
		{"a series gets worse", []storage.SeriesState{counted(cpu, state.OK), counted(disk, state.OK)},
			[]storage.CurrentState{cur(cpu, state.OK), cur(disk, state.OK)}, []storage.CurrentState{cur(cpu, state.Critical)},
			state.OK, state.Critical},
		{"the worst series recovers to the next worst", []storage.SeriesState{counted(cpu, state.Major), counted(disk, state.Minor)},
			[]storage.CurrentState{cur(cpu, state.Major), cur(disk, state.Minor)}, []storage.CurrentState{cur(cpu, state.OK)},
			state.Major, state.Minor},
		{"a series not in the batch counts before and after", []storage.SeriesState{counted(cpu, state.OK), counted(disk, state.Major)},
			[]storage.CurrentState{cur(cpu, state.OK)}, []storage.CurrentState{cur(cpu, state.Minor)},
			state.Major, state.Major},
		{"a new series counts only after", []storage.SeriesState{counted(cpu, state.Critical), counted(disk, state.OK)},
			[]storage.CurrentState{cur(disk, state.OK)}, []storage.CurrentState{cur(cpu, state.Critical)},
			state.OK, state.Critical},
		{"the first series of a host", []storage.SeriesState{counted(cpu, state.OK)},
			nil, []storage.CurrentState{cur(cpu, state.OK)}, state.NoData, state.OK},
		{"a series not assigned does not count", []storage.SeriesState{counted(disk, state.Minor)},
			[]storage.CurrentState{cur(cpu, state.Critical), cur(disk, state.Minor)}, []storage.CurrentState{cur(cpu, state.OK)},
			state.Minor, state.Minor},
		{"nothing counts", nil, []storage.CurrentState{cur(cpu, state.OK)}, []storage.CurrentState{cur(cpu, state.Critical)},
			state.NoData, state.NoData},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prev := map[storage.Series]storage.CurrentState{}
			for _, p := range tc.prev {
				prev[p.Series] = p
			}
			written := map[storage.Series]storage.CurrentState{}
			for _, w := range tc.written {
				written[w.Series] = w
			}
			before, after := hostHealth([]int64{1}, tc.counted, prev, written)
			if got, ok := after[1]; !ok || got != tc.after {
				t.Errorf("after = %s (present %v), want %s", got, ok, tc.after)
			}
			if got := healthOf(before, 1); got != tc.before {
				t.Errorf("before = %s, want %s", got, tc.before)
			}
		})
	}
}
