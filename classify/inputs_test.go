package classify

import (
	"strconv"
	"testing"

	"github.com/prophasis/prophasis/internal/state"
)

func TestMessagesArriveIntact(t *testing.T) {
	for _, msg := range []string{
		`say "hi"`, `it's`, `back\slash \n not a newline`, "line1\nline2\r\n", `]]`, `]=]`, `x]] .. os.exit() .. [[`,
		"\") os.exit() --", "nul\x00byte", "\xff\xfe invalid utf-8", "", "tab\tand ünïcode ✓",
	} {
		in := input(nil, msg)
		in.Args = map[string]string{"expected": msg}
		in.Result.Perfdata = []Perf{{Label: msg, Value: num(1), Warn: msg + "w"}}
		code := `
			local p = result.perfdata[args.expected]
			if result.message == args.expected and messages[1] == args.expected and p and p.warn == args.expected .. "w" then
				return "ok", #result.message
			end
			return "critical"`
		out := classify(t, testEngineOnce(t), code, in)
		if out.State != state.OK || out.Reason != strconv.Itoa(len(msg)) {
			t.Errorf("message %q: got %s %q %v", msg, out.State, out.Reason, out.Err)
		}
	}
}

func TestInputTables(t *testing.T) {
	in := input(num(42.5), "m")
	in.Result.ExitCode, in.Result.Status = 2, "error"
	in.Result.Perfdata = []Perf{{Label: "load1", Value: num(0.5), UOM: "s", Warn: "5", Crit: "@1:10", Min: num(0)}}
	code := `
		local p = result.perfdata.load1
		return "ok", table.concat({result.value, result.status, result.exit_code, result.time,
			host.id, host.name, table.concat(host.groups, "+"), check.id, check.name, args.warn,
			p.value, p.uom, p.warn, p.crit, p.min, tostring(p.max)}, " ")`
	out := classify(t, testEngineOnce(t), code, in)
	want := "42.5 error 2 1795608000 1 web1 web+eu 7 basics 80 0.5 s 5 @1:10 0 nil"
	if out.Reason != want {
		t.Fatalf("got %q (%v), want %q", out.Reason, out.Err, want)
	}
}

func testEngineOnce(t *testing.T) *Engine {
	e, _ := testEngine(t, Config{}, nil)
	return e
}

func TestLazyInputsPairs(t *testing.T) {
	tests := []struct{ name, code, want string }{
		{"pairs(args)", `local t = {} for k, v in pairs(args) do t[#t+1] = k .. "=" .. v end table.sort(t) return "ok", table.concat(t, ",")`, "crit=90,warn=80"},
		{"args written", `args.warn = "1" args.extra = "x" local t = {} for k, v in pairs(args) do t[#t+1] = k .. "=" .. v end table.sort(t) return "ok", table.concat(t, ",")`, "crit=90,extra=x,warn=1"},
		{"args missing", `return "ok", tostring(args.nope)`, "nil"},
		{"pairs(result)", `local t = {} for k in pairs(result) do t[#t+1] = k end table.sort(t) return "ok", table.concat(t, ",")`, "exit_code,message,perfdata,status,time,value"},
		{"result written", `result.value = 5 local n = 0 for k, v in pairs(result) do if k == "value" then n = v end end return "ok", n`, "5"},
		{"perfdata identity", `return "ok", tostring(result.perfdata == result.perfdata)`, "true"},
		{"pairs of a plain table", `local n = 0 for k, v in pairs({a = 1, b = 2, 3}) do n = n + v end return "ok", n`, "6"},
		{"result is per run", `if result.marker then return "critical" end result.marker = 1 return "ok", "fresh"`, "fresh"},
	}
	e, _ := testEngine(t, Config{IdleStates: 1}, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input(num(1), "m")
			in.Args = map[string]string{"warn": "80", "crit": "90"}
			for range 2 {
				out := classify(t, e, tt.code, in)
				if out.Err != nil || out.Reason != tt.want {
					t.Fatalf("got %s %q %v, want %q", out.State, out.Reason, out.Err, tt.want)
				}
			}
		})
	}
}
