package classify

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// testEngine returns an engine with a fixed clock and a recording sink.
func testEngine(t *testing.T, cfg Config, hist History) (*Engine, *recordingSink) {
	t.Helper()
	sink := &recordingSink{}
	e, err := New(cfg, hist, sink, func() time.Time { return testNow })
	if err != nil {
		t.Fatal(err)
	}
	return e, sink
}

var testNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func num(v float64) *float64 { return &v }

func input(value *float64, msg string) Input {
	return Input{Host: Host{ID: 1, Name: "web1", Groups: []string{"web", "eu"}}, Check: Check{ID: 7, Name: "basics"},
		PluginID: "cpu", Args: map[string]string{"warn": "80"},
		Result: Result{Time: testNow, Value: value, Message: msg, Status: "ok"}}
}

// classify runs code once and fails the test on a context error.
func classify(t *testing.T, e *Engine, code string, in Input) Outcome {
	t.Helper()
	out, err := e.Classify(context.Background(), Classifier{ID: "test", Code: code, HistoryDepth: 5}, in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReturnValues(t *testing.T) {
	e, _ := testEngine(t, Config{}, nil)
	long := strings.Repeat("é", 300)
	tests := []struct {
		name, code string
		want       state.State
		reason     string
		kind       Kind
	}{
		{"ok", `return "ok"`, state.OK, "", ""},
		{"with reason", `return "major", "  cpu at " .. result.value .. "%\n"`, state.Major, "cpu at 93%", ""},
		{"number reason", `return "minor", 42`, state.Minor, "42", ""},
		{"reason capped on a rune boundary", `return "critical", "` + long + `"`, state.Critical, strings.Repeat("é", 128), ""},
		{"unknown is allowed", `return "unknown", "no idea"`, state.Unknown, "no idea", ""},
		{"nothing", `local x = 1`, state.Unknown, "", KindResult},
		{"wrong name", `return "warning"`, state.Unknown, "", KindResult},
		{"degraded is not a classification", `return "degraded"`, state.Unknown, "", KindResult},
		{"no_data is not a classification", `return "no_data"`, state.Unknown, "", KindResult},
		{"number", `return 1`, state.Unknown, "", KindResult},
		{"table reason", `return "ok", {}`, state.Unknown, "", KindResult},
		{"runtime error", "local x = nil\nreturn x.y", state.Unknown, "", KindRuntime},
		{"syntax error", "return 'ok", state.Unknown, "", KindSyntax},
		{"error()", `error("boom")`, state.Unknown, "", KindRuntime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := classify(t, e, tt.code, input(num(93), "load high"))
			if out.State != tt.want || out.Reason != tt.reason {
				t.Fatalf("got %s %q (%v), want %s %q", out.State, out.Reason, out.Err, tt.want, tt.reason)
			}
			if (out.Err == nil) != (tt.kind == "") || (out.Err != nil && out.Err.Kind != tt.kind) {
				t.Fatalf("error %v, want kind %q", out.Err, tt.kind)
			}
		})
	}
}

func TestErrorLine(t *testing.T) {
	e, _ := testEngine(t, Config{}, nil)
	for _, tt := range []struct {
		name, code string
		line       int
	}{
		{"runtime", "local a = 1\nlocal b = 2\nreturn nil + a", 3},
		{"syntax", "local a = 1\nlocal = 2", 2},
		{"error()", "\n\nerror('x')", 3},
		{"limit", "local s = 'x'\nreturn string.rep(s, 1e9)", 2},
		{"compile", "local a\nbreak", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := classify(t, e, tt.code, input(nil, ""))
			if out.Err == nil || out.Err.Line != tt.line || out.Err.ClassifierID != "test" {
				t.Fatalf("error %+v, want line %d", out.Err, tt.line)
			}
		})
	}
}

func TestCancelledContextIsNotAnOutcome(t *testing.T) {
	e, sink := testEngine(t, Config{}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Classify(ctx, Classifier{ID: "c", Code: `return "ok"`}, input(nil, "")); err == nil {
		t.Fatal("a cancelled context gave an outcome to store")
	}
	if len(sink.all()) != 0 {
		t.Fatal("shutdown was reported as a classifier failure")
	}
}

func TestTimeoutThenReuse(t *testing.T) {
	e, _ := testEngine(t, Config{Timeout: 20 * time.Millisecond, IdleStates: 1}, nil)
	for i := range 3 {
		if out := classify(t, e, `while true do end`, input(nil, "")); out.Err == nil || out.Err.Kind != KindTimeout {
			t.Fatalf("run %d: %+v, want a timeout", i, out.Err)
		}
		if out := classify(t, e, `return "ok"`, input(nil, "")); out.State != state.OK {
			t.Fatalf("run %d after a timeout: %s %+v", i, out.State, out.Err)
		}
	}
}

func TestCompile(t *testing.T) {
	for _, tt := range []struct {
		code, want string
	}{
		{`return "ok"`, ""},
		{"local a\nbreak", "classifier line 2: syntax: no loop to break"},
		{"if x then\nreturn", "classifier: syntax: syntax error near \"return\""},
		{"x = = 1", "classifier line 1: syntax: syntax error near \"=\""},
		{strings.Repeat(" ", 65<<10), "classifier: syntax: code is 66560 bytes, the limit is 65536"},
	} {
		err := Compile(tt.code)
		if got := fmt.Sprint(err); (err == nil && tt.want != "") || (err != nil && got != tt.want) {
			t.Errorf("Compile(%.20q) = %v, want %q", tt.code, err, tt.want)
		}
	}
}
