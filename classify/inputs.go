package classify

import (
	lua "github.com/yuin/gopher-lua"
)

// environment returns the fresh, empty globals of one run. The inputs are
// built on first use by inputIndex: most classifiers read two or three of
// them, and every keyed Lua table costs several allocations.
func (s *sandbox) environment() *lua.LTable {
	env := s.L.CreateTable(0, 4)
	env.Metatable = s.envMeta
	return env
}

// inputIndex is the __index of the library, so it runs only for globals
// that are neither set by the run nor in the library: it builds the run's
// input of that name once and stores it in the run's environment. Library
// lookups stay plain table reads. Everything arrives as Lua values, never as
// source text, so no message can change the code.
func (s *sandbox) inputIndex(L *lua.LState) int {
	name, ok := L.Get(2).(lua.LString)
	if !ok || s.run == nil || s.run.env == nil {
		L.Push(lua.LNil)
		return 1
	}
	v := s.input(s.run.env, string(name))
	if v != lua.LNil {
		s.run.env.RawSetString(string(name), v)
	}
	L.Push(v)
	return 1
}

// input builds the named input of the current run, or returns nil.
func (s *sandbox) input(env *lua.LTable, name string) lua.LValue {
	L, in := s.L, s.run.in
	switch name {
	case "_G":
		return env
	case "result":
		t := L.CreateTable(0, 0)
		t.Metatable = s.resultMeta
		return t
	case "host":
		host := L.CreateTable(0, 3)
		host.RawSetString("id", lua.LNumber(in.Host.ID))
		host.RawSetString("name", lua.LString(in.Host.Name))
		groups := L.CreateTable(len(in.Host.Groups), 0)
		for _, g := range in.Host.Groups {
			groups.Append(lua.LString(g))
		}
		host.RawSetString("groups", groups)
		return host
	case "check":
		check := L.CreateTable(0, 2)
		check.RawSetString("id", lua.LNumber(in.Check.ID))
		check.RawSetString("name", lua.LString(in.Check.Name))
		return check
	case "args":
		t := L.CreateTable(0, 0)
		t.Metatable = s.argsMeta
		return t
	case "values", "messages":
		return s.series(name, in.Result, s.run.prev)
	case "count":
		return lua.LNumber(1 + len(s.run.prev))
	}
	return lua.LNil
}

// series builds values or messages: index 1 is the new result, then back
// in time; a result without a value leaves a nil hole in values.
func (s *sandbox) series(name string, r Result, prev []Point) *lua.LTable {
	t := s.L.CreateTable(1+len(prev), 0)
	if name == "values" {
		t.RawSetInt(1, optNumber(r.Value))
		for i, p := range prev {
			t.RawSetInt(i+2, optNumber(p.Value))
		}
		return t
	}
	t.RawSetInt(1, lua.LString(s.capped(r.Message)))
	for i, p := range prev {
		t.RawSetInt(i+2, lua.LString(s.capped(p.Message)))
	}
	return t
}

// capped keeps a message within the string limit the code itself has.
func (s *sandbox) capped(msg string) string { return truncate(msg, s.cfg.MaxStringBytes) }

func optNumber(v *float64) lua.LValue {
	if v == nil {
		return lua.LNil
	}
	return lua.LNumber(*v)
}

func optString(v string) lua.LValue {
	if v == "" {
		return lua.LNil
	}
	return lua.LString(v)
}
