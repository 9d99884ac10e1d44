package classify

import (
	"reflect"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// storedSeries stores values one minute apart ending before testNow, all
// classified ok, and returns them as backtest inputs.
func storedSeries(h *memHistory, values ...float64) []Input {
	var inputs []Input
	for i, v := range values {
		in := input(num(v), "")
		in.Result.Time = testNow.Add(-time.Duration(len(values)-i) * time.Minute)
		h.add(in.key(), in.Result.Time, num(v), "", state.OK)
		inputs = append(inputs, in)
	}
	return inputs
}

func TestBacktest(t *testing.T) {
	values := []float64{10, 90, 95, 20, 85, 90, 99, 10}
	tests := []struct {
		name, code string
		want       []state.State
		sum        Summary
	}{
		{"threshold", `if result.value > 80 then return "critical" end return "ok"`,
			[]state.State{"ok", "critical", "critical", "ok", "critical", "critical", "critical", "ok"},
			Summary{Results: 8, Transitions: 5, Problems: 2, Recoveries: 2}},
		{"escalates on replayed states", `
			if result.value <= 80 then return "ok" end
			if history.consecutive("minor", "critical") >= 2 then return "critical" end
			return "minor"`,
			[]state.State{"ok", "minor", "minor", "ok", "minor", "minor", "critical", "ok"},
			Summary{Results: 8, Transitions: 6, Problems: 3, Recoveries: 2}},
		{"failing", `error("x")`,
			[]state.State{"unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "unknown"},
			Summary{Results: 8, Transitions: 1, Problems: 1, Errors: 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newMemHistory()
			inputs := storedSeries(h, values...)
			inputs[0], inputs[7] = inputs[7], inputs[0] // order must not matter
			sink := &recordingSink{}
			e, _ := New(Config{BreakerFailures: 1}, h, sink, func() time.Time { return testNow })
			steps, sum, err := e.Backtest(t.Context(), Classifier{ID: "bt", Code: tt.code, HistoryDepth: 3}, inputs)
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range steps {
				if s.State != tt.want[i] {
					t.Fatalf("step %d (%v): %s %v, want %s", i, s.Time, s.State, s.Err, tt.want[i])
				}
			}
			if got := sum.ByState[tt.want[0]]; got == 0 {
				t.Fatalf("ByState %v has no %s", sum.ByState, tt.want[0])
			}
			sum.ByState = nil
			if !reflect.DeepEqual(sum, tt.sum) {
				t.Fatalf("summary %+v, want %+v", sum, tt.sum)
			}
			if len(sink.all()) != 0 {
				t.Fatal("a backtest reported to the sink")
			}
			if out, _ := e.Classify(t.Context(), Classifier{ID: "bt", Code: `return "ok"`}, input(num(1), "")); out.State != state.OK {
				t.Fatal("a backtest tripped the breaker")
			}
		})
	}
}
