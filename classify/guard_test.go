package classify

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// fakeClock is an injected clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestBreakerAndReports(t *testing.T) {
	clock := &fakeClock{now: testNow}
	sink := &recordingSink{}
	e, err := New(Config{BreakerFailures: 3, BreakerCooldown: 5 * time.Minute, ReportEvery: time.Minute}, nil, sink, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	broken := Classifier{ID: "broken", Version: "1", Code: `error("always")`}
	run := func(cls Classifier) Outcome {
		out, err := e.Classify(t.Context(), cls, input(num(1), ""))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for i := range 3 {
		if out := run(broken); out.Err == nil || out.Err.Kind != KindRuntime {
			t.Fatalf("run %d: %+v, want a runtime error", i, out.Err)
		}
	}
	if out := run(broken); out.State != state.Unknown || out.Err.Kind != KindBreaker {
		t.Fatalf("after 3 failures: %+v, want the breaker open", out.Err)
	}
	reports := sink.all()
	if len(reports) != 1 || reports[0].Err.Message != "always" {
		t.Fatalf("reports %+v, want exactly one within the minute", reports)
	}
	clock.advance(time.Minute)
	run(broken) // still open: skipped, counted
	clock.advance(4 * time.Minute)
	if out := run(broken); out.Err.Kind != KindRuntime {
		t.Fatalf("after the cool-down the classifier should run again, got %+v", out.Err)
	}
	reports = sink.all()
	if len(reports) != 2 || reports[1].Suppressed != 4 || !reports[1].OpenUntil.Equal(clock.Now().Add(5*time.Minute)) {
		t.Fatalf("second report %+v, want 4 suppressed and the breaker reopened", reports[len(reports)-1])
	}
	fixed := Classifier{ID: "broken", Version: "2", Code: `return "ok"`}
	if out := run(fixed); out.State != state.OK {
		t.Fatalf("a new version gets its own breaker, got %s %+v", out.State, out.Err)
	}
	other := Classifier{ID: "other", Code: `return 5`}
	if out := run(other); out.Err.Kind != KindResult || len(sink.all()) != 3 {
		t.Fatalf("another classifier is reported on its own: %+v, %d reports", out.Err, len(sink.all()))
	}
}

func TestBreakerResetsOnSuccess(t *testing.T) {
	clock := &fakeClock{now: testNow}
	e, _ := New(Config{BreakerFailures: 2}, nil, nil, clock.Now)
	cls := Classifier{ID: "flaky", Code: `if result.value > 0 then error("x") end return "ok"`}
	for i, v := range []float64{1, 0, 1, 0, 1} {
		out, _ := e.Classify(t.Context(), cls, input(num(v), ""))
		if out.Err != nil && out.Err.Kind == KindBreaker {
			t.Fatalf("run %d: breaker opened although failures were not consecutive", i)
		}
	}
}

func TestHistoryErrorsDoNotTripBreaker(t *testing.T) {
	h := historyFixture()
	h.err = errDatabase
	e, _ := New(Config{BreakerFailures: 1}, h, nil, (&fakeClock{now: testNow}).Now)
	cls := Classifier{ID: "db", Code: `return history.avg("1h") and "ok"`}
	for range 3 {
		out, _ := e.Classify(t.Context(), cls, input(num(1), ""))
		if out.Err == nil || out.Err.Kind != KindHistory {
			t.Fatalf("got %+v, want a history error each time", out.Err)
		}
	}
}

var errDatabase = errorString("database unavailable")

type errorString string

func (e errorString) Error() string { return string(e) }

func TestLogSink(t *testing.T) {
	var buf strings.Builder
	sink := LogSink{Logger: slog.New(slog.NewTextHandler(&buf, nil))}
	e, _ := New(Config{BreakerFailures: 1}, nil, sink, (&fakeClock{now: testNow}).Now)
	e.Classify(t.Context(), Classifier{ID: "cpu", Code: "\nerror('bad')"}, input(nil, ""))
	for _, want := range []string{"classifier=cpu", "kind=runtime", "line=2", "error=bad", "paused_until="} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log %q lacks %q", buf.String(), want)
		}
	}
}
