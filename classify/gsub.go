package classify

import (
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/prophasis/prophasis/classify/internal/luapattern"
)

// strGsub is string.gsub built in one pass with its output bounded.
// gopher-lua's own gsub copies the whole string once per match (quadratic,
// and uninterruptible) and has no size limit. n = 0 replaces nothing.
func (s *sandbox) strGsub(L *lua.LState) int {
	str, pat := L.CheckString(1), L.CheckString(2)
	L.CheckTypes(3, lua.LTString, lua.LTTable, lua.LTFunction)
	repl, n := L.Get(3), L.OptInt(4, -1)
	if n == 0 {
		L.Push(lua.LString(str))
		L.Push(lua.LNumber(0))
		return 2
	}
	matches := s.findMatches(L, pat, str, 0, n)
	out := boundedBuilder{s: s, L: L}
	last := 0
	for _, m := range matches {
		start, end := m.Capture(0), m.Capture(1)
		out.write(str[last:start])
		if r, ok := repl.(lua.LString); ok {
			expandRepl(L, &out, str, string(r), m)
		} else {
			out.write(s.replacement(L, str, repl, m))
		}
		last = end
	}
	out.write(str[last:])
	s.charge(L, out.b.Len())
	L.Push(lua.LString(out.b.String()))
	L.Push(lua.LNumber(len(matches)))
	return 2
}

// replacement computes what one match is replaced with, per Lua 5.1: a
// table indexed by the first capture, or a function of the captures; false
// or nil keeps the match.
func (s *sandbox) replacement(L *lua.LState, str string, repl lua.LValue, m *luapattern.MatchData) string {
	var v lua.LValue
	switch r := repl.(type) {
	case *lua.LTable:
		v = L.GetTable(r, capture(L, str, m, 1))
	case *lua.LFunction:
		L.Push(r)
		nargs := max(1, m.CaptureLength()/2-1)
		for i := 1; i <= nargs; i++ {
			L.Push(capture(L, str, m, i))
		}
		L.Call(nargs, 1)
		v = L.Get(-1)
		L.Pop(1)
	}
	switch v := v.(type) {
	case lua.LString, lua.LNumber:
		return v.String()
	case *lua.LNilType, lua.LBool:
		if lua.LVIsFalse(v) {
			return str[m.Capture(0):m.Capture(1)]
		}
	}
	L.RaiseError("invalid replacement value (a %s)", v.Type().String())
	return ""
}

// capture returns capture i (1-based) of m, or the whole match when the
// pattern has no captures and i is 1, as Lua does.
func capture(L *lua.LState, str string, m *luapattern.MatchData, i int) lua.LValue {
	idx := 2 * i
	if idx >= m.CaptureLength() {
		if i != 1 {
			L.RaiseError("invalid capture index")
		}
		idx = 0
	}
	if m.IsPosCapture(idx) {
		return lua.LNumber(m.Capture(idx))
	}
	return lua.LString(str[m.Capture(idx):m.Capture(idx+1)])
}

// expandRepl writes a replacement string with %0-%9 expanded to captures
// and %x to x, straight into the bounded output.
func expandRepl(L *lua.LState, out *boundedBuilder, str, repl string, m *luapattern.MatchData) {
	for len(repl) > 0 {
		i := strings.IndexByte(repl, '%')
		if i < 0 || i+1 == len(repl) {
			out.write(repl)
			return
		}
		out.write(repl[:i])
		switch d := repl[i+1]; {
		case d == '0':
			out.write(str[m.Capture(0):m.Capture(1)])
		case d >= '1' && d <= '9':
			out.write(capture(L, str, m, int(d-'0')).String())
		default:
			out.write(repl[i+1 : i+2])
		}
		repl = repl[i+2:]
	}
}

// boundedBuilder stops a run as soon as a string under construction would
// pass the per-string or per-run limit.
type boundedBuilder struct {
	s *sandbox
	L *lua.LState
	b strings.Builder
}

func (w *boundedBuilder) write(part string) {
	if n := w.b.Len() + len(part); n > w.s.cfg.MaxStringBytes || n > w.s.allocLeft {
		w.s.charge(w.L, n)
	}
	w.b.WriteString(part)
}
