package query

import (
	"sort"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// Band is a stretch of time [From, To) in one state: a classification band
// on a graph, or a piece of an availability timeline.
type Band struct {
	From, To time.Time
	State    state.State
}

// Transition is one entry of a state-change log: from Time on, Track (a check,
// or the single subject of a health log) is in state To.
type Transition struct {
	Time  time.Time
	Track int64
	To    state.State
}

// Timeline turns a change log into contiguous bands covering [from, to).
// initial holds each track's state at from; changes outside [from, to)
// are ignored. With several tracks a band has the worst of their states,
// so the checks of one plugin merge the way host health does.
func Timeline(from, to time.Time, initial map[int64]state.State, changes []Transition) []Band {
	if !from.Before(to) {
		return nil
	}
	cur := make(map[int64]state.State, len(initial))
	for k, v := range initial {
		cur[k] = v
	}
	sorted := append([]Transition(nil), changes...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Time.Before(sorted[j].Time) })
	out := []Band{{From: from, State: worstOf(cur)}}
	for _, c := range sorted {
		if c.Time.Before(from) || !c.Time.Before(to) {
			continue
		}
		cur[c.Track] = c.To
		out = extend(out, c.Time, worstOf(cur))
	}
	out[len(out)-1].To = to
	return out
}

// extend starts a band in state s at t unless the last band already has
// it; a band that would be empty is replaced, never kept at zero length.
func extend(out []Band, t time.Time, s state.State) []Band {
	last := &out[len(out)-1]
	switch {
	case last.State == s:
		return out
	case last.From.Equal(t):
		last.State = s
		if n := len(out); n > 1 && out[n-2].State == s {
			return out[:n-1]
		}
		return out
	}
	last.To = t
	return append(out, Band{From: t, State: s})
}

func worstOf(m map[int64]state.State) state.State {
	w := state.NoData
	for _, s := range m {
		w = state.Worst(w, s)
	}
	return w
}
