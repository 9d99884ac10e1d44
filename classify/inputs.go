package classify

import (
	lua "github.com/yuin/gopher-lua"
)

// environment builds the fresh globals of one run. Everything arrives as Lua
// values, never as source text, so no message can change the code.
func (s *sandbox) environment(in Input, prev []Point) *lua.LTable {
	L := s.L
	env := L.CreateTable(0, 10)
	env.Metatable = s.envMeta
	env.RawSetString("_G", env)
	env.RawSetString("result", s.resultTable(in.Result))
	host := L.CreateTable(0, 3)
	host.RawSetString("id", lua.LNumber(in.Host.ID))
	host.RawSetString("name", lua.LString(in.Host.Name))
	groups := L.CreateTable(len(in.Host.Groups), 0)
	for _, g := range in.Host.Groups {
		groups.Append(lua.LString(g))
	}
	host.RawSetString("groups", groups)
	env.RawSetString("host", host)
	check := L.CreateTable(0, 2)
	check.RawSetString("id", lua.LNumber(in.Check.ID))
	check.RawSetString("name", lua.LString(in.Check.Name))
	env.RawSetString("check", check)
	args := L.CreateTable(0, len(in.Args))
	for k, v := range in.Args {
		args.RawSetString(k, lua.LString(v))
	}
	env.RawSetString("args", args)
	s.series(env, in.Result, prev)
	return env
}

// series sets values, messages and count: index 1 is the new result, then
// back in time; a result without a value leaves a nil hole in values.
func (s *sandbox) series(env *lua.LTable, r Result, prev []Point) {
	L := s.L
	n := 1 + len(prev)
	values, messages := L.CreateTable(n, 0), L.CreateTable(n, 0)
	values.RawSetInt(1, optNumber(r.Value))
	messages.RawSetInt(1, lua.LString(s.capped(r.Message)))
	for i, p := range prev {
		values.RawSetInt(i+2, optNumber(p.Value))
		messages.RawSetInt(i+2, lua.LString(s.capped(p.Message)))
	}
	env.RawSetString("values", values)
	env.RawSetString("messages", messages)
	env.RawSetString("count", lua.LNumber(n))
}

func (s *sandbox) resultTable(r Result) *lua.LTable {
	L := s.L
	t := L.CreateTable(0, 6)
	t.RawSetString("value", optNumber(r.Value))
	t.RawSetString("message", lua.LString(s.capped(r.Message)))
	t.RawSetString("status", lua.LString(r.Status))
	t.RawSetString("exit_code", lua.LNumber(r.ExitCode))
	t.RawSetString("time", unix(r.Time))
	perf := L.CreateTable(0, len(r.Perfdata))
	for _, p := range r.Perfdata {
		item := L.CreateTable(0, 6)
		item.RawSetString("value", optNumber(p.Value))
		item.RawSetString("uom", lua.LString(p.UOM))
		item.RawSetString("warn", optString(p.Warn))
		item.RawSetString("crit", optString(p.Crit))
		item.RawSetString("min", optNumber(p.Min))
		item.RawSetString("max", optNumber(p.Max))
		perf.RawSetString(p.Label, item)
	}
	t.RawSetString("perfdata", perf)
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
