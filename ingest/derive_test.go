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
			states, changes := derive(tc.prev, tc.batch, seriesOf(tc.batch))
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

// FuzzDerive checks derive against a plain reading of its contract on
// random batches of one series: the changes are exactly the points where
// the classification differs from the one before, chained from the stored
// state, and the final state is the last result's.
func FuzzDerive(f *testing.F) {
	f.Add([]byte{0, 0, 3, 3, 0}, byte(1))
	f.Add([]byte{}, byte(0))
	f.Add([]byte{4, 2, 1, 0}, byte(4))
	classes := []state.State{state.OK, state.Unknown, state.Minor, state.Major, state.Critical}
	f.Fuzz(func(t *testing.T, seq []byte, stored byte) {
		k := storage.Series{HostID: 1, PluginID: "test.cpu"}
		prev := map[storage.Series]storage.CurrentState{}
		from := state.NoData
		if stored < 5 {
			from = classes[stored]
			prev[k] = storage.CurrentState{Series: k, Time: t0, Classification: from, Since: t0}
		}
		var batch []item
		var want []storage.StateChange
		for i, b := range seq {
			to := classes[int(b)%len(classes)]
			at := t0.Add(time.Duration(i+1) * time.Second)
			batch = append(batch, item{row: storage.Result{Time: at, HostID: 1, PluginID: "test.cpu", Classification: to}})
			if to != from {
				want = append(want, storage.StateChange{Series: k, Time: at, From: from, To: to})
				from = to
			}
		}
		states, changes := derive(prev, batch, seriesOf(batch))
		if len(changes) != len(want) {
			t.Fatalf("%d changes, want %d", len(changes), len(want))
		}
		for i := range want {
			if changes[i].From != want[i].From || changes[i].To != want[i].To || !changes[i].Time.Equal(want[i].Time) {
				t.Fatalf("change %d = %+v, want %+v", i, changes[i], want[i])
			}
		}
		if len(seq) > 0 && (len(states) != 1 || states[0].Classification != from) {
			t.Fatalf("states %+v, want one in %s", states, from)
		}
	})
}
