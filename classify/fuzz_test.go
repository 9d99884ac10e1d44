package classify

import (
	"testing"
	"time"
)

// FuzzClassify feeds arbitrary classifier source and arbitrary messages to
// one engine: every run must end, within bounds, in a valid classification.
func FuzzClassify(f *testing.F) {
	for _, seed := range []struct{ code, msg string }{
		{`return "ok"`, "fine"},
		{`return "major", result.message`, `quote " backslash \ ]] newline` + "\n"},
		{`if result.value > 80 then return "critical", "cpu " .. result.value end return "ok"`, ""},
		{`while true do end`, ""},
		{`return string.rep(result.message, 1e9)`, "x"},
		{`local t = {} for w in string.gmatch(result.message, "%a+") do t[#t+1] = w end return "ok", table.concat(t, ",")`, "a b c"},
		{`return (result.message:gsub("(%w+)", "%1%1"))`, "hello world"},
		{`return arrayMax(values) and "ok"`, ""},
		{`return history.state()`, ""},
		{`return string.format("%5.1f %q", result.value, result.message)`, "\x00\xff"},
		{`getmetatable("").__index = nil`, ""},
		{`local function f() return f() end return f()`, ""},
		{"return 'ok', [[" + "]]", "]]"},
		{`x = {} x[1] = x return tostring(x)`, ""},
	} {
		f.Add(seed.code, seed.msg)
	}
	e, err := New(Config{Timeout: 50 * time.Millisecond}, historyFixture(), &recordingSink{}, func() time.Time { return testNow })
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, code, msg string) {
		start := time.Now()
		out, err := e.Classify(t.Context(), Classifier{ID: "fuzz", Code: code, HistoryDepth: 3}, input(num(42), msg))
		if err != nil {
			t.Fatalf("context error without cancellation: %v", err)
		}
		if !out.State.IsClassification() || len(out.Reason) > 256 {
			t.Fatalf("invalid outcome %+v", out)
		}
		if out.Err != nil && len(out.Err.Message) > maxErrorMessage {
			t.Fatalf("error message of %d bytes", len(out.Err.Message))
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Fatalf("took %s", took)
		}
	})
}

// FuzzCompile checks that the parser, the concat rewrite and the compiler
// turn any source into a proto or an error, never a panic.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{`return "ok"`, `return a .. b .. (c .. d)`, `local x = {a = "x" .. 1}`, "((((", `function f(...) return ... end`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		proto, err := compile(code, 64<<10)
		if (proto == nil) == (err == nil) {
			t.Fatalf("compile(%q) = %v, %v", code, proto, err)
		}
	})
}
