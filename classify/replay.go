package classify

import (
	"context"
	"slices"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// replayHistory answers State and Consecutive for the replayed series from
// the backtest's own classifications (once there are any) and everything
// else from the stored history.
type replayHistory struct {
	History
	key   SeriesKey
	steps []Step
}

// before returns the replayed steps strictly before at.
func (h *replayHistory) before(key SeriesKey, at time.Time) ([]Step, bool) {
	if key != h.key || len(h.steps) == 0 {
		return nil, false
	}
	i, _ := slices.BinarySearchFunc(h.steps, at, func(s Step, t time.Time) int { return s.Time.Compare(t) })
	return h.steps[:i], i > 0
}

// State implements History.
func (h *replayHistory) State(ctx context.Context, key SeriesKey, at time.Time) (state.State, time.Time, error) {
	steps, ok := h.before(key, at)
	if !ok {
		return h.History.State(ctx, key, at)
	}
	last := len(steps) - 1
	i := last
	for i > 0 && steps[i-1].State == steps[last].State {
		i--
	}
	if i == 0 { // the run may have started before the replay
		if st, since, err := h.History.State(ctx, key, steps[0].Time); err == nil && st == steps[0].State {
			return st, since, nil
		}
	}
	return steps[last].State, steps[i].Time, nil
}

// Consecutive implements History.
func (h *replayHistory) Consecutive(ctx context.Context, key SeriesKey, at time.Time, states []state.State, limit int) (int, error) {
	steps, ok := h.before(key, at)
	if !ok {
		return h.History.Consecutive(ctx, key, at, states, limit)
	}
	n := 0
	for i := len(steps) - 1; i >= 0 && n < limit && slices.Contains(states, steps[i].State); i-- {
		n++
	}
	if n == len(steps) && n < limit { // the run may have started before the replay
		more, err := h.History.Consecutive(ctx, key, steps[0].Time, states, limit-n)
		return n + more, err
	}
	return n, nil
}
