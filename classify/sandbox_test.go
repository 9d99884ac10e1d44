package classify

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/prophasis/prophasis/internal/state"
)

// pristine is a classifier that checks the library is exactly what a fresh
// engine provides; it returns "ok" only if nothing leaked from earlier runs.
const pristine = `
if string.rep("ab", 2) ~= "abab" then return "critical", "string.rep changed" end
if ("x"):rep(3) ~= "xxx" then return "critical", "string methods changed" end
if arrayMax({1, 5, 2}) ~= 5 then return "critical", "arrayMax changed" end
if math.floor(1.5) ~= 1 then return "critical", "math changed" end
if leaked ~= nil then return "critical", "global leaked" end
if type(history) ~= "table" or type(history.avg) ~= "function" then return "critical", "history changed" end
if os ~= nil or io ~= nil or load ~= nil or require ~= nil then return "critical", "escape hatch present" end
return "ok"`

func TestEscapesAreHarmless(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "pwned")
	tests := []struct{ name, code string }{
		{"os.execute", `os.execute("touch ` + marker + `") return "ok"`},
		{"io.open", `io.open("` + marker + `", "w"):write("x") return "ok"`},
		{"require", `local m = require("os") m.execute("touch ` + marker + `") return "ok"`},
		{"load", `load("return 1")() return "ok"`},
		{"loadstring", `loadstring("return 1")() return "ok"`},
		{"dofile", `dofile("/etc/passwd") return "ok"`},
		{"loadfile", `loadfile("/etc/passwd") return "ok"`},
		{"string.dump", `string.dump(function() end) return "ok"`},
		{"getfenv", `getfenv(0).os.execute("touch ` + marker + `") return "ok"`},
		{"debug", `debug.getregistry() return "ok"`},
		{"package.loaded", `package.loaded.os.execute("touch ` + marker + `") return "ok"`},
		{"collectgarbage", `collectgarbage("collect") return "ok"`},
		{"string metatable index", `getmetatable("").__index.rep = function() return "evil" end return "ok"`},
		{"string metatable via method", `local mt = getmetatable("") mt.__index = {} return "ok"`},
		{"string metatable replaced", `setmetatable("", {}) return "ok"`},
		{"string table write", `string.rep = function() return "evil" end return "ok"`},
		{"string method table", `local s = ("x").__index s.rep = nil return "ok"`},
		{"rawset on library", `rawset(string, "rep", print) return "ok"`},
		{"setmetatable on library", `setmetatable(string, {__index = function() return "evil" end}) return "ok"`},
		{"getmetatable of library", `getmetatable(string).__index.rep = nil return "ok"`},
		{"helper replaced", `arrayMax = function() return 0 end leaked = 1 return "ok"`},
		{"_G mutation", `_G.leaked = true _G.string = {} return "ok"`},
		{"_G metatable", `getmetatable(_G).__index.string = {} return "ok"`},
		{"_G metatable replaced", `setmetatable(_G, nil) return "ok"`},
		{"math table write", `math.floor = function() return 9 end return "ok"`},
		{"history table write", `history.avg = 1 return "ok"`},
		{"table library", `table.insert = nil return "ok"`},
		{"pcall swallows write error", `pcall(function() string.rep = nil end) leaked = 1 return "ok"`},
		{"print", `print("x") return "ok"`},
		{"coroutine", `coroutine.create(function() end) return "ok"`},
		{"newproxy", `newproxy(true) return "ok"`},
		{"math.randomseed", `math.randomseed(1) return "ok"`},
	}
	e, _ := testEngine(t, Config{IdleStates: 1}, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := classify(t, e, tt.code, input(num(1), ""))
			if out.State != state.Unknown && out.State != state.OK {
				t.Fatalf("escape attempt gave %s", out.State)
			}
			after := classify(t, e, pristine, input(num(1), ""))
			if after.State != state.OK {
				t.Fatalf("after the attempt: %s %q %v", after.State, after.Reason, after.Err)
			}
			if _, err := os.Stat(marker); err == nil {
				t.Fatal("the escape attempt wrote a file")
			}
		})
	}
}

// TestEscapesClassifyUnknown checks that the attempts which would have
// worked in plain Lua fail as an error (unknown), not silently.
func TestEscapesClassifyUnknown(t *testing.T) {
	e, _ := testEngine(t, Config{}, nil)
	for _, code := range []string{
		`os.execute("true") return "ok"`, `io.open("/etc/passwd") return "ok"`, `require("os") return "ok"`,
		`load("return 1") return "ok"`, `string.dump(print) return "ok"`, `string.rep = nil return "ok"`,
		`rawset(string, "rep", nil) return "ok"`, `setmetatable(string, {}) return "ok"`,
		`getmetatable("").__index.rep = nil return "ok"`, `getmetatable(_G).__index.x = 1 return "ok"`,
		`math.randomseed(1) return "ok"`, `print("x") return "ok"`, `getfenv(1) return "ok"`, `rawget(_G, "x") return "ok"`,
	} {
		if out := classify(t, e, code, input(nil, "")); out.State != state.Unknown || out.Err == nil {
			t.Errorf("%s: got %s %v, want unknown with an error", code, out.State, out.Err)
		}
	}
}

func TestGlobalsStayPerRun(t *testing.T) {
	e, _ := testEngine(t, Config{IdleStates: 1}, nil)
	code := `if counter then return "critical" end counter = 1 _G.other = 2 return "ok"`
	for i := range 3 {
		if out := classify(t, e, code, input(nil, "")); out.State != state.OK {
			t.Fatalf("run %d saw a global from an earlier run: %s %v", i, out.State, out.Err)
		}
	}
}
