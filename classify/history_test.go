package classify

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// historyFixture: cpu rises linearly 1%/minute over the last hour (values
// 0..59 at 60..1 minutes ago), the last three classified major; raid on the
// same host says "resync".
func historyFixture() *memHistory {
	h := newMemHistory()
	cpu, raid := SeriesKey{1, "cpu"}, SeriesKey{1, "raid"}
	for i := range 60 {
		st := state.OK
		if i >= 57 {
			st = state.Major
		}
		h.add(cpu, testNow.Add(-time.Duration(60-i)*time.Minute), num(float64(i)), "", st)
	}
	h.add(cpu, testNow.Add(-90*time.Minute), nil, "no value", state.Unknown)
	h.add(raid, testNow.Add(-time.Minute), num(1), "resync", state.Minor)
	h.rollup[cpu] = []RollupRow{{Time: testNow.Add(-2 * time.Hour), Avg: 5, Min: 1, Max: 9, Sum: 50, Count: 10, Worst: state.Major}}
	return h
}

func TestHistoryAPI(t *testing.T) {
	tests := []struct{ name, expr, want string }{
		{"count", `history.count("1h")`, "60"},
		{"count short", `history.count("10m")`, "10"},
		{"avg", `history.avg("10m")`, "54.5"},
		{"min", `history.min("1h")`, "0"},
		{"max", `history.max("1h")`, "59"},
		{"sum", `history.sum("5m")`, "285"},
		{"avg empty", `history.avg("30s")`, "nil"},
		{"percentile", `history.percentile(50, "1h")`, "29.5"},
		{"percentile 100", `history.percentile(100, "1h")`, "59"},
		{"values", `#history.values("5m") .. ":" .. history.values("5m")[1].value .. "@" .. (history.values("5m")[1].time - result.time)`, "5:55@-300"},
		{"trend per hour", `history.trend("1h")`, "60"},
		{"forecast", `math.floor(history.forecast(100, "1h") + 0.5)`, "2400"},
		{"forecast never", `history.forecast(-10, "1h")`, "nil"},
		{"trend of empty window", `history.trend("30s")`, "nil"},
		{"state", `history.state()`, "major"},
		{"since", `history.since()`, "180"},
		{"consecutive", `history.consecutive("major", "critical")`, "3"},
		{"consecutive other", `history.consecutive("ok")`, "0"},
		{"rollup", `history.rollup("hourly", "1d")[1].avg .. "/" .. history.rollup("hourly", "1d")[1].worst`, "5/major"},
		{"other plugin", `history.plugin("raid").state() .. " " .. history.plugin("raid").count("1h")`, "minor 1"},
		{"unknown plugin", `history.plugin("nope").state()`, "no_data"},
		{"previous messages", `messages[2] .. "|" .. tostring(values[2])`, "|59"},
	}
	e, _ := testEngine(t, Config{}, historyFixture())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := e.Classify(t.Context(), Classifier{ID: "h", Code: `return "ok", tostring(` + tt.expr + `)`, HistoryDepth: 3}, input(num(60), "x"))
			if err != nil || out.Err != nil || out.Reason != tt.want {
				t.Fatalf("%s = %q (%v %v), want %q", tt.expr, out.Reason, err, out.Err, tt.want)
			}
		})
	}
}

func TestHistoryMisuse(t *testing.T) {
	failing := historyFixture()
	tests := []struct {
		name, code string
		hist       History
		kind       Kind
		depth      int
	}{
		{"bad window", `return history.avg("1 hour")`, historyFixture(), KindRuntime, 1},
		{"window too long", `return history.avg("500d")`, historyFixture(), KindRuntime, 1},
		{"bad tier", `return history.rollup("weekly", "1d")`, historyFixture(), KindRuntime, 1},
		{"bad percentile", `return history.percentile(101, "1h")`, historyFixture(), KindRuntime, 1},
		{"bad state", `return history.consecutive("bad")`, historyFixture(), KindRuntime, 1},
		{"no states", `return history.consecutive()`, historyFixture(), KindRuntime, 1},
		{"no history", `return history.avg("1h")`, nil, KindRuntime, 1},
		{"database error", `return history.avg("1h")`, failing, KindHistory, 1},
		{"database error caught", `pcall(history.avg, "1h") return "ok"`, failing, KindHistory, 1},
		{"database error in values", `return "ok"`, failing, KindHistory, 3},
	}
	failing.err = errors.New("connection refused")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := testEngine(t, Config{}, tt.hist)
			out, err := e.Classify(t.Context(), Classifier{ID: "h", Code: tt.code, HistoryDepth: tt.depth}, input(num(1), ""))
			if err != nil || out.State != state.Unknown || out.Err == nil || out.Err.Kind != tt.kind {
				t.Fatalf("got %s %+v, want unknown %s", out.State, out.Err, tt.kind)
			}
		})
	}
}

func TestHistoryRowsCountAgainstBudget(t *testing.T) {
	e, _ := testEngine(t, Config{MaxAllocBytes: 64 << 10}, historyFixture())
	code := `local n = 0 for i = 1, 10 do n = n + #history.values("1h") end return "ok", n`
	out := classify(t, e, code, input(num(1), ""))
	if out.Err == nil || out.Err.Kind != KindLimit {
		t.Fatalf("got %s %q %+v, want a limit error", out.State, out.Reason, out.Err)
	}
}

// deadlineCheck records whether history reads carry the run's deadline and
// the caller's context values.
type deadlineCheck struct {
	*memHistory
	sawDeadline, sawValue bool
}

type ctxKey struct{}

func (d *deadlineCheck) Aggregate(ctx context.Context, key SeriesKey, r Range) (Aggregate, error) {
	dl, ok := ctx.Deadline()
	d.sawDeadline = ok && time.Until(dl) <= time.Second
	d.sawValue = ctx.Value(ctxKey{}) == "trace"
	return d.memHistory.Aggregate(ctx, key, r)
}

func TestHistoryReadsUnderRunDeadline(t *testing.T) {
	h := &deadlineCheck{memHistory: historyFixture()}
	e, _ := testEngine(t, Config{}, h)
	ctx := context.WithValue(t.Context(), ctxKey{}, "trace")
	out, err := e.Classify(ctx, Classifier{ID: "d", Code: `return history.avg("1h") and "ok"`}, input(num(1), ""))
	if err != nil || out.State != state.OK || !h.sawDeadline || !h.sawValue {
		t.Fatalf("got %s %v %v; deadline %v, value %v", out.State, out.Err, err, h.sawDeadline, h.sawValue)
	}
}
