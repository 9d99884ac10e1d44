package ingest

import (
	"slices"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestDerive(t *testing.T) {
	k := storage.Series{HostID: 1, PluginID: "test.cpu", CheckID: 7}
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	it := func(m int, st state.State) item {
		return item{row: storage.Result{Time: at(m), HostID: 1, PluginID: "test.cpu", CheckID: 7, Classification: st}}
	}
	stored := map[storage.Series]storage.CurrentState{k: {Series: k, Time: at(0), Classification: state.OK, Since: at(-60)}}
	tests := []struct {
		name      string
		prev      map[storage.Series]storage.CurrentState
		batch     []item
		wantState state.State
		wantSince time.Time
		wantMoves []state.State // from, to pairs
	}{
		{"first result of a series", nil, []item{it(1, state.OK)}, state.OK, at(1),
			[]state.State{state.NoData, state.OK}},
		{"same state keeps since", stored, []item{it(1, state.OK), it(2, state.OK)}, state.OK, at(-60), nil},
		{"several changes in one batch", stored, []item{it(1, state.Critical), it(2, state.Critical), it(3, state.OK)},
			state.OK, at(3), []state.State{state.OK, state.Critical, state.Critical, state.OK}},
		{"late result changes nothing", stored, []item{it(-5, state.Critical)}, state.OK, at(-60), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			states, changes := derive(tc.prev, tc.batch)
			if len(states) != 1 || states[0].Classification != tc.wantState || !states[0].Since.Equal(tc.wantSince) {
				t.Fatalf("states = %+v, want %s since %v", states, tc.wantState, tc.wantSince)
			}
			var moves []state.State
			for _, c := range changes {
				moves = append(moves, c.From, c.To)
			}
			if !slices.Equal(moves, tc.wantMoves) {
				t.Fatalf("changes %v, want %v", moves, tc.wantMoves)
			}
		})
	}
}

func TestHostTransitionsBlameTheChange(t *testing.T) {
	v := 97.0
	batch := []item{
		{row: storage.Result{Time: t0, HostID: 1, PluginID: "test.disk"}, hostName: "web1"},
		{row: storage.Result{Time: t0.Add(time.Second), HostID: 1, PluginID: "test.cpu"}, hostName: "web1"},
		{row: storage.Result{Time: t0, HostID: 2, PluginID: "test.cpu"}, hostName: "web2"},
	}
	changes := []storage.StateChange{{Series: storage.Series{HostID: 1, PluginID: "test.disk"}, Time: t0,
		From: state.OK, To: state.Critical, Value: &v}}
	before := map[int64]state.State{1: state.OK, 2: state.OK}
	after := map[int64]state.State{1: state.Critical, 2: state.OK}
	trs, hc := hostTransitions(before, after, batch, changes)
	if len(trs) != 1 || len(hc) != 1 {
		t.Fatalf("got %d transitions, %d health changes; want 1 each", len(trs), len(hc))
	}
	tr := trs[0]
	if tr.SubjectID != 1 || tr.Name != "web1" || tr.From != state.OK || tr.To != state.Critical ||
		tr.Plugin != "test.disk" || tr.Value == nil || *tr.Value != v || !tr.At.Equal(t0) {
		t.Fatalf("transition %+v", tr)
	}
}
