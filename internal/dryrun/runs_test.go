package dryrun_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/dryrun"
	"github.com/prophasis/prophasis/internal/state"
)

func steps(t0 time.Time, states ...state.State) []classify.Step {
	out := make([]classify.Step, len(states))
	for i, s := range states {
		out[i] = classify.Step{Time: t0.Add(time.Duration(i) * time.Minute), Outcome: classify.Outcome{State: s, Reason: string(s)}}
	}
	return out
}

func TestRuns(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		states []state.State
		want   []int // results per run
	}{
		{"empty", nil, nil},
		{"one", []state.State{state.OK}, []int{1}},
		{"steady", []state.State{state.OK, state.OK, state.OK}, []int{3}},
		{"flap", []state.State{state.OK, state.Critical, state.OK}, []int{1, 1, 1}},
		{"stretches", []state.State{state.OK, state.OK, state.Minor, state.Minor, state.Minor, state.OK}, []int{2, 3, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runs := dryrun.Runs(steps(t0, tc.states...))
			if len(runs) != len(tc.want) {
				t.Fatalf("%d runs, want %d", len(runs), len(tc.want))
			}
			seen := 0
			for i, r := range runs {
				first, last := t0.Add(time.Duration(seen)*time.Minute), t0.Add(time.Duration(seen+tc.want[i]-1)*time.Minute)
				if r.Results != tc.want[i] || r.State != tc.states[seen] || !r.From.Equal(first) || !r.To.Equal(last) {
					t.Errorf("run %d: %+v", i, r)
				}
				seen += tc.want[i]
			}
		})
	}
}

// TestWriteKeepsHostileTextOnOneLine: reasons come from classifiers fed by
// plugin output; they must not move the terminal's cursor or break rows.
func TestWriteKeepsHostileTextOnOneLine(t *testing.T) {
	st := steps(time.Now(), state.OK, state.Critical)
	st[1].Reason = "disk\nfull\x1b[2J\u202eevil\r" + strings.Repeat("x", 500)
	var buf bytes.Buffer
	rep := dryrun.Report{Host: "web\n1", Runs: dryrun.Runs(st),
		Summary: classify.Summary{Results: 2, Transitions: 2, Problems: 1, ByState: map[state.State]int{state.OK: 1, state.Critical: 1}}}
	if err := dryrun.Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.ContainsAny(out, "\x1b\r\u202e") || strings.Count(out, "\n") != 6 {
		t.Errorf("hostile text escaped its row:\n%q", out)
	}
	if !strings.Contains(out, "1 alerts") || !strings.Contains(out, "by state: ok 1 critical 1") {
		t.Errorf("summary missing:\n%s", out)
	}
}
