package classify

import (
	"errors"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/prophasis/prophasis/classify/internal/luapattern"
)

// maxPatternDepth bounds the matcher's backtracking recursion (a Go stack
// of a few tens of MB at most); `.*` over a subject longer than this fails.
const maxPatternDepth = 200_000

// findMatches runs the interruptible matcher: it stops at the run's time
// limit, at maxPatternDepth and after MaxTableLen matches.
func (s *sandbox) findMatches(L *lua.LState, pat, str string, offset, limit int) []*luapattern.MatchData {
	if limit < 0 || limit > s.cfg.MaxTableLen {
		limit = s.cfg.MaxTableLen + 1
	}
	matches, err := luapattern.Find(L.Context(), pat, []byte(str), offset, limit, maxPatternDepth)
	switch {
	case errors.Is(err, luapattern.ErrTooDeep):
		s.limit(L, "%s", err.Error())
	case err != nil:
		L.RaiseError("%s", err.Error())
	case len(matches) > s.cfg.MaxTableLen:
		s.limit(L, "more than %d pattern matches", s.cfg.MaxTableLen)
	}
	return matches
}

// pushCaptures pushes the captures of m, or the whole match when the
// pattern has none and whole is set; it returns how many it pushed.
func pushCaptures(L *lua.LState, str string, m *luapattern.MatchData, whole bool) int {
	if m.CaptureLength() == 2 {
		if !whole {
			return 0
		}
		L.Push(lua.LString(str[m.Capture(0):m.Capture(1)]))
		return 1
	}
	for i := 2; i < m.CaptureLength(); i += 2 {
		if m.IsPosCapture(i) {
			L.Push(lua.LNumber(m.Capture(i)))
		} else {
			L.Push(lua.LString(str[m.Capture(i):m.Capture(i+1)]))
		}
	}
	return m.CaptureLength()/2 - 1
}

// startIndex converts Lua's 1-based, possibly negative init to an offset.
func startIndex(init, length int) int {
	if init < 0 {
		init = length + init + 1
	}
	return max(init-1, 0)
}

func (s *sandbox) strFind(L *lua.LState) int {
	str, pat := L.CheckString(1), L.CheckString(2)
	init := startIndex(L.OptInt(3, 1), len(str))
	if init > len(str) {
		L.Push(lua.LNil)
		return 1
	}
	if lua.LVAsBool(L.Get(4)) || !strings.ContainsAny(pat, "^$*+?.([%-") {
		pos := strings.Index(str[init:], pat)
		if pos < 0 {
			L.Push(lua.LNil)
			return 1
		}
		L.Push(lua.LNumber(init + pos + 1))
		L.Push(lua.LNumber(init + pos + len(pat)))
		return 2
	}
	matches := s.findMatches(L, pat, str, init, 1)
	if len(matches) == 0 {
		L.Push(lua.LNil)
		return 1
	}
	m := matches[0]
	L.Push(lua.LNumber(m.Capture(0) + 1))
	L.Push(lua.LNumber(m.Capture(1)))
	return 2 + pushCaptures(L, str, m, false)
}

func (s *sandbox) strMatch(L *lua.LState) int {
	str, pat := L.CheckString(1), L.CheckString(2)
	init := startIndex(L.OptInt(3, 1), len(str))
	if init > len(str) {
		L.Push(lua.LNil)
		return 1
	}
	matches := s.findMatches(L, pat, str, init, 1)
	if len(matches) == 0 {
		L.Push(lua.LNil)
		return 1
	}
	return pushCaptures(L, str, matches[0], true)
}

// strGmatch finds all matches up front (bounded like gsub) and returns an
// iterator over them.
func (s *sandbox) strGmatch(L *lua.LState) int {
	str, pat := L.CheckString(1), L.CheckString(2)
	matches, next := s.findMatches(L, pat, str, 0, -1), 0
	L.Push(L.NewFunction(func(L *lua.LState) int {
		if next >= len(matches) {
			return 0
		}
		next++
		return pushCaptures(L, str, matches[next-1], true)
	}))
	return 1
}
