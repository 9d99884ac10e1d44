package query

import (
	"testing"

	"github.com/prophasis/prophasis/internal/state"
)

const (
	nd   = state.NoData
	ok   = state.OK
	unk  = state.Unknown
	deg  = state.Degraded
	min  = state.Minor
	maj  = state.Major
	crit = state.Critical
)

// permutations returns every ordering of s, so each case proves that member
// order never changes the result (the original got this wrong with no data).
func permutations(s []state.State) [][]state.State {
	if len(s) <= 1 {
		return [][]state.State{append([]state.State(nil), s...)}
	}
	var out [][]state.State
	for i := range s {
		rest := append(append([]state.State(nil), s[:i]...), s[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]state.State{s[i]}, p...))
		}
	}
	return out
}

func TestRedundancyHealth(t *testing.T) {
	tests := []struct {
		name    string
		members []state.State
		want    state.State
	}{
		{"original: ok ok critical is degraded", []state.State{ok, ok, crit}, deg},
		{"original: minor minor critical is minor", []state.State{min, min, crit}, min},
		{"original: ok ok no data is ok", []state.State{ok, ok, nd}, ok},
		{"no data does not decide against critical", []state.State{nd, crit}, crit},
		{"no data does not decide against ok", []state.State{nd, ok}, ok},
		{"no data never makes degraded", []state.State{nd, nd, ok}, ok},
		{"no data with a failing pair", []state.State{nd, ok, maj}, deg},
		{"all no data is no data", []state.State{nd, nd, nd}, nd},
		{"empty is no data", nil, nd},
		{"single ok", []state.State{ok}, ok},
		{"single critical", []state.State{crit}, crit},
		{"unknown member degrades ok", []state.State{ok, unk}, deg},
		{"best not ok: least severe wins", []state.State{unk, maj, crit}, unk},
		{"all ok", []state.State{ok, ok, ok}, ok},
		{"all critical", []state.State{crit, crit}, crit},
		{"minor ok no data critical", []state.State{min, ok, nd, crit}, deg},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, p := range permutations(tt.members) {
				if got := RedundancyHealth(p...); got != tt.want {
					t.Errorf("RedundancyHealth(%v) = %s, want %s", p, got, tt.want)
				}
			}
		})
	}
}

func TestWorstOfHealth(t *testing.T) {
	tests := []struct {
		name string
		in   []state.State
		want state.State
	}{
		{"original: one dependency major", []state.State{maj}, maj},
		{"original: major host and all-ok group", []state.State{maj, ok}, maj},
		{"nothing assigned is no data", nil, nd},
		{"no data loses to ok", []state.State{nd, ok}, ok},
		{"unknown beats ok", []state.State{ok, unk}, unk},
		{"degraded beats unknown", []state.State{unk, deg}, deg},
		{"minor beats degraded", []state.State{deg, min}, min},
		{"full order", []state.State{nd, ok, unk, deg, min, maj, crit}, crit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, p := range permutations(tt.in) {
				for fn, f := range map[string]func(...state.State) state.State{
					"host": HostHealth, "group": GroupHealth, "service": ServiceHealth,
				} {
					if got := f(p...); got != tt.want {
						t.Errorf("%s(%v) = %s, want %s", fn, p, got, tt.want)
					}
				}
			}
		})
	}
}
