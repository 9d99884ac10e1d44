package classify

import (
	"context"
	"slices"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// Step is one replayed result of a backtest.
type Step struct {
	Time time.Time
	Outcome
}

// Summary counts what a classifier would have done over a backtest.
type Summary struct {
	Results int
	ByState map[state.State]int
	// Transitions counts classification changes, starting from the state
	// stored before the first replayed result (no_data if none, so the
	// first result of a new series counts as one).
	Transitions int
	// Problems counts transitions into a problem state (anything worse than
	// ok): the changes an alert rule would have been asked about.
	Problems int
	// Recoveries counts transitions from a problem state back to ok.
	Recoveries int
	// Errors counts results the classifier failed on (classified unknown).
	Errors int
}

// Backtest replays cls over stored results (e.g. the last 30 days of one
// host and plugin) and returns the timeline it would have produced. It
// writes nothing: no sink, no breaker, and history.state(), since() and
// consecutive() of the replayed series answer from the replayed
// classifications, so the timeline is the classifier's own. One input is a
// dry run. The error is non-nil only when ctx ended.
func (e *Engine) Backtest(ctx context.Context, cls Classifier, inputs []Input) ([]Step, Summary, error) {
	cls = codeVersion(cls)
	inputs = slices.Clone(inputs)
	slices.SortStableFunc(inputs, func(a, b Input) int { return a.Result.Time.Compare(b.Result.Time) })
	sum := Summary{ByState: map[state.State]int{}}
	steps := make([]Step, 0, len(inputs))
	replay := &replayHistory{History: e.hist}
	prev := state.NoData
	for i, in := range inputs {
		if in.Result.Time.IsZero() {
			in.Result.Time = e.now()
		}
		if i == 0 {
			replay.key = in.key()
			prev = e.stateBefore(ctx, in)
		}
		var h History = replay
		if e.hist == nil {
			h = nil
		}
		out, err := e.run(ctx, cls, in, h)
		if err != nil {
			return steps, sum, err
		}
		steps = append(steps, Step{Time: in.Result.Time, Outcome: out})
		replay.steps = steps
		sum.add(prev, out)
		prev = out.State
	}
	return steps, sum, nil
}

// stateBefore is the stored classification before the first replayed
// result, where the replayed timeline starts from.
func (e *Engine) stateBefore(ctx context.Context, in Input) state.State {
	if e.hist == nil {
		return state.NoData
	}
	st, _, err := e.hist.State(ctx, in.key(), in.Result.Time)
	if err != nil {
		return state.NoData
	}
	return st
}

func (s *Summary) add(prev state.State, out Outcome) {
	s.Results++
	s.ByState[out.State]++
	if out.Err != nil {
		s.Errors++
	}
	if out.State == prev {
		return
	}
	s.Transitions++
	switch {
	case out.State.IsProblem():
		s.Problems++
	case prev.IsProblem() && out.State == state.OK:
		s.Recoveries++
	}
}
