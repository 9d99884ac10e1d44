package classify

import (
	"runtime"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

func TestLimits(t *testing.T) {
	tests := []struct {
		name, code string
		kind       Kind
	}{
		{"busy loop", `while true do end`, KindTimeout},
		{"busy loop in pcall", `while true do pcall(function() while true do end end) end`, KindTimeout},
		{"tail recursion", `local function f() return f() end return f()`, KindTimeout},
		{"deep recursion", `local function f(n) return 1 + f(n + 1) end return f(1)`, KindRuntime},
		{"string.rep huge", `return string.rep("x", 1e9)`, KindLimit},
		{"string.rep as method", `return ("x"):rep(1e9)`, KindLimit},
		{"string.rep caught by pcall", `pcall(string.rep, "x", 1e9) return "ok"`, KindLimit},
		{"concat doubling", `local s = "x" while true do s = s .. s end`, KindLimit},
		{"many distinct strings", `local t, s = {}, ("x"):rep(1e6 - 10) for i = 1, 1e6 do t[i] = s .. i end`, KindLimit},
		{"format width", `return string.format("%999999999d", 1)`, KindRuntime},
		{"format many big args", `local s = ("x"):rep(1e6 - 10) return string.format("%s%s", s, s)`, KindLimit},
		{"gsub amplification", `local s = ("x"):rep(1e5) return (s:gsub("x", "%0%0%0%0%0%0%0%0%0%0%0%0%0%0%0%0%0%0"))`, KindLimit},
		{"gsub table amplification", `local s, t = ("x"):rep(1e5), {x = ("y"):rep(1e5)} return (s:gsub("x", t))`, KindLimit},
		{"gsub too many matches", `local s = ("x"):rep(1e6) return (s:gsub("x", ""))`, KindLimit},
		{"table.concat huge", `local t = {} for i = 1, 50 do t[i] = ("x"):rep(1e5) end return table.concat(t)`, KindLimit},
		{"table.concat range", `return table.concat({}, "", 1, 1e9)`, KindLimit},
		{"table.insert growth", `local t = {} while true do table.insert(t, 1) end`, KindLimit},
		{"upper repeated", `local s = ("x"):rep(1e6) for i = 1, 100 do local u = s:upper() end return "ok"`, KindLimit},
		{"unpack huge", `return select("#", unpack({}, 1, 1e8))`, KindRuntime},
		{"history calls", `for i = 1, 100 do pcall(history.count, "1h") end return "ok"`, KindLimit},
		{"history.plugin tables", `while true do history.plugin("x") end`, KindLimit},
		{"string.char strings", `local t = {} for i = 1, 60000 do t[i] = 65 end while true do local s = string.char(unpack(t)) end`, KindLimit},
	}
	// Limits must trip before the time limit, even under the race detector;
	// the timeout cases get the default limit.
	slow, _ := testEngine(t, Config{Timeout: 20 * time.Second, MaxAllocBytes: 2 << 20}, newMemHistory())
	fast, _ := testEngine(t, Config{}, newMemHistory())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := slow
			if tt.kind == KindTimeout {
				e = fast
			}
			start := time.Now()
			out := classify(t, e, tt.code, input(num(1), ""))
			if out.State != state.Unknown || out.Err == nil || out.Err.Kind != tt.kind {
				t.Fatalf("got %s %+v, want unknown with kind %s", out.State, out.Err, tt.kind)
			}
			if took := time.Since(start); took > 10*time.Second {
				t.Fatalf("took %s", took)
			}
		})
	}
}

// TestTableGrowthMemory runs the pathological `t[#t+1] = i` fill, which no
// operation bound can catch, and checks the heap the time limit leaves it.
func TestTableGrowthMemory(t *testing.T) {
	e, _ := testEngine(t, Config{}, nil)
	for _, code := range []string{
		`local t = {} while true do t[#t + 1] = #t end`,
		`local t = {} local i = 0 while true do i = i + 1 t["k" .. i] = {i} end`,
		`local t = {} while true do t = {t, t} end`,
	} {
		var before, peak runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		done := make(chan Outcome)
		go func() { done <- classify(t, e, code, input(nil, "")) }()
		var out Outcome
		for waiting := true; waiting; {
			select {
			case out = <-done:
				waiting = false
			case <-time.After(5 * time.Millisecond):
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak.HeapAlloc = max(peak.HeapAlloc, m.HeapAlloc)
			}
		}
		grew := int64(peak.HeapAlloc) - int64(before.HeapAlloc)
		t.Logf("%s: %s, heap grew by %d MB", code, out.Err, grew>>20)
		if out.State != state.Unknown || grew > 300<<20 {
			t.Fatalf("%s: got %s, heap grew by %d MB", code, out.State, grew>>20)
		}
	}
}
