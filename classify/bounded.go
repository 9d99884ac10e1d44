package classify

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// limit records the first limit a run hit (so pcall cannot hide it from the
// engine) and raises it as a Lua error.
func (s *sandbox) limit(L *lua.LState, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if s.limitErr == "" {
		s.limitErr = msg
	}
	L.RaiseError("%s", msg)
}

// charge accounts for a string of n bytes about to be built.
func (s *sandbox) charge(L *lua.LState, n int) {
	if n > s.cfg.MaxStringBytes || n < 0 {
		s.limit(L, "string of %d bytes exceeds the limit of %d", n, s.cfg.MaxStringBytes)
	}
	s.spend(L, n)
}

// spend takes n bytes from the run's allocation budget.
func (s *sandbox) spend(L *lua.LState, n int) {
	if n > s.allocLeft {
		s.limit(L, "the run allocated more than %d bytes in strings and history rows", s.cfg.MaxAllocBytes)
	}
	s.allocLeft -= n
}

// concat implements `..` (the compiler rewrites it to a call of this):
// strings and numbers only, like Lua without __concat metamethods.
func (s *sandbox) concat(L *lua.LState) int {
	top, size := L.GetTop(), 0
	for i := 1; i <= top; i++ {
		switch v := L.Get(i).(type) {
		case lua.LString:
			size += len(v)
		case lua.LNumber:
			size += len(v.String())
		default:
			L.RaiseError("attempt to concatenate a %s value", v.Type().String())
		}
	}
	s.charge(L, size)
	var b strings.Builder
	b.Grow(size)
	for i := 1; i <= top; i++ {
		b.WriteString(L.Get(i).String())
	}
	L.Push(lua.LString(b.String()))
	return 1
}

func (s *sandbox) strRep(L *lua.LState) int {
	str, n := L.CheckString(1), L.CheckInt(2)
	if n <= 0 || str == "" {
		L.Push(lua.LString(""))
		return 1
	}
	if n > s.cfg.MaxStringBytes/len(str) {
		s.limit(L, "string.rep result exceeds the limit of %d bytes", s.cfg.MaxStringBytes)
	}
	s.charge(L, len(str)*n)
	L.Push(lua.LString(strings.Repeat(str, n)))
	return 1
}

// sameSize bounds a string function whose result is as long as its input.
func (s *sandbox) sameSize(str *lua.LTable, name string) lua.LGFunction {
	orig := str.RawGetString(name).(*lua.LFunction).GFunction
	return func(L *lua.LState) int {
		s.charge(L, len(L.CheckString(1)))
		return orig(L)
	}
}

// strChar charges string.char's result, one byte per argument.
func (s *sandbox) strChar(orig lua.LGFunction) lua.LGFunction {
	return func(L *lua.LState) int {
		s.charge(L, L.GetTop())
		return orig(L)
	}
}

func (s *sandbox) wrapInsert(orig *lua.LFunction) lua.LGFunction {
	return func(L *lua.LState) int {
		if L.CheckTable(1).Len() >= s.cfg.MaxTableLen {
			s.limit(L, "table.insert beyond %d elements", s.cfg.MaxTableLen)
		}
		return orig.GFunction(L)
	}
}

// tableConcat is table.concat(t [, sep [, i [, j]]]) with its result
// measured before it is built.
func (s *sandbox) tableConcat(L *lua.LState) int {
	t, sep := L.CheckTable(1), L.OptString(2, "")
	i, j := L.OptInt(3, 1), L.OptInt(4, t.Len())
	if j-i >= s.cfg.MaxTableLen {
		s.limit(L, "table.concat over more than %d elements", s.cfg.MaxTableLen)
	}
	size := 0
	for k := i; k <= j; k++ {
		switch v := t.RawGetInt(k).(type) {
		case lua.LString:
			size += len(v)
		case lua.LNumber:
			size += len(v.String())
		default:
			L.RaiseError("invalid value (at index %d) in table for 'concat'", k)
		}
		if k < j {
			size += len(sep)
		}
		if size > s.cfg.MaxStringBytes {
			s.charge(L, size)
		}
	}
	s.charge(L, size)
	var b strings.Builder
	b.Grow(size)
	for k := i; k <= j; k++ {
		b.WriteString(t.RawGetInt(k).String())
		if k < j {
			b.WriteString(sep)
		}
	}
	L.Push(lua.LString(b.String()))
	return 1
}
