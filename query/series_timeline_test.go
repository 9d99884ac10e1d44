package query_test

import (
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

func TestChooseTier(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		span time.Duration
		want query.Tier
	}{
		{"1 hour", time.Hour, query.TierRaw},
		{"24 hours", 24 * time.Hour, query.TierRaw},
		{"7 days", 7 * 24 * time.Hour, query.TierHourly},
		{"30 days", 30 * 24 * time.Hour, query.TierHourly},
		{"1 year", 365 * 24 * time.Hour, query.TierDaily},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := query.ChooseTier(t0, t0.Add(c.span)); got != c.want {
				t.Fatalf("ChooseTier(%s) = %s; want %s", c.span, got, c.want)
			}
		})
	}
}

func TestTimeline(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2026, 1, 1, 0, m, 0, 0, time.UTC) }
	cases := []struct {
		name    string
		initial map[int64]state.State
		changes []query.Transition
		want    []query.Band
	}{
		{"no log is no data", nil, nil, []query.Band{{From: at(0), To: at(60), State: state.NoData}}},
		{"initial state holds", map[int64]state.State{1: state.OK}, nil, []query.Band{{From: at(0), To: at(60), State: state.OK}}},
		{"changes outside the range ignored", map[int64]state.State{1: state.OK},
			[]query.Transition{{Time: at(-5), Track: 1, To: state.Major}, {Time: at(60), Track: 1, To: state.Major}},
			[]query.Band{{From: at(0), To: at(60), State: state.OK}}},
		{"incident in the middle", map[int64]state.State{1: state.OK},
			[]query.Transition{{Time: at(10), Track: 1, To: state.Critical}, {Time: at(20), Track: 1, To: state.OK}},
			[]query.Band{{From: at(0), To: at(10), State: state.OK}, {From: at(10), To: at(20), State: state.Critical}, {From: at(20), To: at(60), State: state.OK}}},
		{"change at the start replaces the initial state", map[int64]state.State{1: state.OK},
			[]query.Transition{{Time: at(0), Track: 1, To: state.Minor}},
			[]query.Band{{From: at(0), To: at(60), State: state.Minor}}},
		{"two checks merge to the worst", map[int64]state.State{1: state.OK, 2: state.OK},
			[]query.Transition{{Time: at(10), Track: 1, To: state.Minor}, {Time: at(15), Track: 2, To: state.Major},
				{Time: at(20), Track: 1, To: state.OK}, {Time: at(30), Track: 2, To: state.OK}},
			[]query.Band{{From: at(0), To: at(10), State: state.OK}, {From: at(10), To: at(15), State: state.Minor},
				{From: at(15), To: at(30), State: state.Major}, {From: at(30), To: at(60), State: state.OK}}},
		{"same-instant flip leaves no empty band", map[int64]state.State{1: state.OK},
			[]query.Transition{{Time: at(10), Track: 1, To: state.Minor}, {Time: at(10), Track: 1, To: state.OK}},
			[]query.Band{{From: at(0), To: at(60), State: state.OK}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := query.Timeline(at(0), at(60), c.initial, c.changes)
			if len(got) != len(c.want) {
				t.Fatalf("got %v; want %v", got, c.want)
			}
			for i := range got {
				if !got[i].From.Equal(c.want[i].From) || !got[i].To.Equal(c.want[i].To) || got[i].State != c.want[i].State {
					t.Fatalf("band %d = %v; want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}
