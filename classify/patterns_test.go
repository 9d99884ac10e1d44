package classify

import (
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
)

// TestPatterns checks the replaced pattern functions against Lua 5.1.
func TestPatterns(t *testing.T) {
	tests := []struct{ name, expr, want string }{
		{"find plain", `string.find("a.b", ".", 1, true)`, "2 2"},
		{"find pattern", `string.find("load 0.52", "%d+%.%d+")`, "6 9"},
		{"find captures", `string.find("key=value", "(%w+)=(%w+)")`, "1 9 key value"},
		{"find init", `string.find("abab", "b", 3)`, "4 4"},
		{"find negative init", `string.find("abab", "a", -2)`, "3 3"},
		{"find past end", `tostring(string.find("ab", "a", 10))`, "nil"},
		{"find anchored", `tostring(string.find("xab", "^a"))`, "nil"},
		{"find empty", `string.find("abc", "")`, "1 0"},
		{"find position capture", `string.find("hello", "()ll()")`, "3 4 3 5"},
		{"match whole", `string.match("cpu 93%", "%d+")`, "93"},
		{"match captures", `string.match("load average: 0.52, 0.58, 0.59", "(%d+%.%d+), (%d+%.%d+), (%d+%.%d+)")`, "0.52 0.58 0.59"},
		{"match none", `tostring(string.match("abc", "%d"))`, "nil"},
		{"match init", `string.match("a1b2", "%d", 3)`, "2"},
		{"match balanced", `string.match("f(a(b)c) x", "%b()")`, "(a(b)c)"},
		{"match as method", `("v=42"):match("=(%d+)")`, "42"},
		{"gmatch", `(function() local t = {} for w in string.gmatch("one two three", "%a+") do t[#t+1] = w end return table.concat(t, ",") end)()`, "one,two,three"},
		{"gmatch pairs", `(function() local t = {} for k, v in ("a=1, b=2"):gmatch("(%w+)=(%w+)") do t[#t+1] = k .. v end return table.concat(t, ",") end)()`, "a1,b2"},
		{"gsub string", `string.gsub("hello world", "(%w+)", "<%1>")`, "<hello> <world> 2"},
		{"gsub whole match", `string.gsub("abc", "%w", "%0%0")`, "aabbcc 3"},
		{"gsub percent", `string.gsub("50", "%d+", "%0%%")`, "50% 1"},
		{"gsub limit", `string.gsub("aaa", "a", "b", 2)`, "bba 2"},
		{"gsub zero", `string.gsub("aaa", "a", "b", 0)`, "aaa 0"},
		{"gsub table", `string.gsub("$x and $y", "%$(%w+)", {x = "1"})`, "1 and $y 2"},
		{"gsub function", `string.gsub("a b", "%a", function(c) return c:upper() end)`, "A B 2"},
		{"gsub function false keeps", `string.gsub("a b", "%a", function(c) return false end)`, "a b 2"},
		{"gsub empty pattern", `string.gsub("ab", "", "-")`, "-a-b- 3"},
		{"gsub anchored", `string.gsub("aaa", "^a", "b")`, "baa 1"},
	}
	e, _ := testEngine(t, Config{}, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code := `local r = {` + tt.expr + `} for i = 1, #r do r[i] = tostring(r[i]) end return "ok", table.concat(r, " ")`
			out := classify(t, e, code, input(nil, ""))
			if out.Err != nil || out.Reason != tt.want {
				t.Fatalf("%s = %q (%v), want %q", tt.expr, out.Reason, out.Err, tt.want)
			}
		})
	}
}

// TestPathologicalPatterns: backtracking patterns that run for minutes in
// the stock matcher stop at the time limit or the recursion limit.
func TestPathologicalPatterns(t *testing.T) {
	e, _ := testEngine(t, Config{}, nil)
	for _, code := range []string{
		`return string.find(("a"):rep(300), ".-.-.-b")`,
		`return string.match(("a"):rep(5000), "(.-)(.-)(.-)(.-)b")`,
		`for w in string.gmatch(("a"):rep(2000), "a*a*a*b") do end`,
		`return string.gsub(("a"):rep(2000), ".-.-b", "")`,
		`return string.find(("a"):rep(900000), ".*b")`,
	} {
		start := time.Now()
		out := classify(t, e, code, input(nil, ""))
		if took := time.Since(start); out.State != state.Unknown || took > 10*time.Second {
			t.Errorf("%s: %s %v after %s", code, out.State, out.Err, took)
		}
	}
}
