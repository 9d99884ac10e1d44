package classify

import (
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// benchRule is a typical threshold classifier; nativeRule is the same rule
// in Go, the floor the Lua overhead is measured against.
const benchRule = `
local v = result.value
if v == nil then return "unknown", "no value" end
if v > tonumber(args.crit) then return "critical", "cpu above " .. args.crit .. "%" end
if v > tonumber(args.warn) then return "major", "cpu above " .. args.warn .. "%" end
return "ok"`

func nativeRule(in Input) Outcome {
	v := in.Result.Value
	if v == nil {
		return Outcome{State: state.Unknown, Reason: "no value"}
	}
	if crit, _ := strconv.ParseFloat(in.Args["crit"], 64); *v > crit {
		return Outcome{State: state.Critical, Reason: "cpu above " + in.Args["crit"] + "%"}
	}
	if warn, _ := strconv.ParseFloat(in.Args["warn"], 64); *v > warn {
		return Outcome{State: state.Major, Reason: "cpu above " + in.Args["warn"] + "%"}
	}
	return Outcome{State: state.OK}
}

func benchInput() Input {
	in := input(num(85), "load average: 0.52, 0.58, 0.59")
	in.Args = map[string]string{"warn": "80", "crit": "90"}
	return in
}

// benchConfig has a generous time limit: on a loaded machine a run can be
// descheduled for longer than 100 ms, and the benchmark measures speed.
var benchConfig = Config{Timeout: 10 * time.Second}

var benchClassifier = Classifier{ID: "bench", Version: "1", Code: benchRule, HistoryDepth: 1}

// cpuPerOp reports the process CPU time per operation next to ns/op: on a
// shared machine the wall time includes time spent descheduled.
func cpuPerOp(b *testing.B) {
	var before syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	b.Cleanup(func() {
		var after syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &after)
		used := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	})
}

func BenchmarkNative(b *testing.B) {
	cpuPerOp(b)
	in := benchInput()
	for b.Loop() {
		if nativeRule(in).State != state.Major {
			b.Fatal("wrong state")
		}
	}
}

func BenchmarkPooled(b *testing.B) {
	cpuPerOp(b)
	e, _ := New(benchConfig, nil, nil, nil)
	in := benchInput()
	for b.Loop() {
		if out, _ := e.Classify(b.Context(), benchClassifier, in); out.State != state.Major {
			b.Fatalf("got %+v", out)
		}
	}
}

func BenchmarkPooledParallel(b *testing.B) {
	cpuPerOp(b)
	e, _ := New(benchConfig, nil, nil, nil)
	in := benchInput()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if out, _ := e.Classify(b.Context(), benchClassifier, in); out.State != state.Major {
				b.Errorf("got %+v", out)
				return
			}
		}
	})
}

// BenchmarkFresh builds a new Lua state with its library for every call
// (the compiled code is still reused).
func BenchmarkFresh(b *testing.B) {
	cpuPerOp(b)
	e, _ := New(benchConfig, nil, nil, nil)
	in := benchInput()
	proto, err := e.cache.get(benchClassifier)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s := newSandbox(&e.cfg)
		ret, _, err := s.exec(b.Context(), e.cfg.Timeout, proto, &run{in: in, key: in.key(), at: testNow})
		if err != nil || ret.String() != "major" {
			b.Fatal(ret, err)
		}
		s.close()
	}
}

// BenchmarkHistoryAvg adds one history.avg("1h") over an in-memory history
// (60 points) and a history depth of 10: the Lua side of a history read.
func BenchmarkHistoryAvg(b *testing.B) {
	cpuPerOp(b)
	e, _ := New(benchConfig, historyFixture(), nil, nil)
	cls := Classifier{ID: "avg", Code: `if history.avg("1h") > 20 then return "minor" end return "ok"`, HistoryDepth: 10}
	in := benchInput()
	for b.Loop() {
		if out, _ := e.Classify(b.Context(), cls, in); out.State != state.Minor {
			b.Fatalf("got %+v", out)
		}
	}
}
