package classify

import (
	"maps"
	"slices"

	lua "github.com/yuin/gopher-lua"
)

// lazyMeta is the protected metatable of an input whose fields are read
// from the run on access (index) and listed by pairs (list).
func (s *sandbox) lazyMeta(index, list lua.LGFunction) *lua.LTable {
	mt := s.L.NewTable()
	mt.RawSetString("__index", s.L.NewFunction(index))
	mt.RawSetString("__pairs", s.L.NewFunction(list))
	mt.RawSetString("__metatable", lua.LString("protected"))
	return mt
}

// pairs is Lua 5.1's pairs plus the __pairs metamethod of Lua 5.2, so
// pairs(result) and pairs(args) list the fields they read lazily.
func (s *sandbox) pairs(L *lua.LState) int {
	t := L.CheckTable(1)
	if mt, ok := t.Metatable.(*lua.LTable); ok {
		if fn := mt.RawGetString("__pairs"); fn != lua.LNil {
			L.Push(fn)
			L.Push(t)
			L.Call(1, 3)
			return 3
		}
	}
	L.Push(s.next)
	L.Push(t)
	L.Push(lua.LNil)
	return 3
}

// pushPairs returns next over the fields of fill plus what the run itself
// stored in t (which win).
func (s *sandbox) pushPairs(L *lua.LState, t *lua.LTable, fill func(*lua.LTable)) int {
	all := L.CreateTable(0, 8)
	if s.run != nil {
		fill(all)
	}
	t.ForEach(func(k, v lua.LValue) { all.RawSet(k, v) })
	L.Push(s.next)
	L.Push(all)
	L.Push(lua.LNil)
	return 3
}

func (s *sandbox) argsIndex(L *lua.LState) int {
	v, ok := "", false
	if s.run != nil {
		v, ok = s.run.in.Args[L.CheckString(2)]
	}
	if ok {
		L.Push(lua.LString(v))
	} else {
		L.Push(lua.LNil)
	}
	return 1
}

func (s *sandbox) argsPairs(L *lua.LState) int {
	return s.pushPairs(L, L.CheckTable(1), func(all *lua.LTable) {
		for _, k := range slices.Sorted(maps.Keys(s.run.in.Args)) {
			all.RawSetString(k, lua.LString(s.run.in.Args[k]))
		}
	})
}

func (s *sandbox) resultPairs(L *lua.LState) int {
	t := L.CheckTable(1)
	return s.pushPairs(L, t, func(all *lua.LTable) {
		for _, k := range []string{"value", "message", "status", "exit_code", "time", "perfdata"} {
			all.RawSetString(k, s.resultField(t, k))
		}
	})
}

// resultIndex is the __index of `result`: its fields are read from the
// run's input when asked for, so a classifier that reads only
// result.value does not pay for building the rest.
func (s *sandbox) resultIndex(L *lua.LState) int {
	L.Push(s.resultField(L.CheckTable(1), L.CheckString(2)))
	return 1
}

func (s *sandbox) resultField(t *lua.LTable, key string) lua.LValue {
	if s.run == nil {
		return lua.LNil
	}
	r := s.run.in.Result
	switch key {
	case "value":
		return optNumber(r.Value)
	case "message":
		return lua.LString(s.capped(r.Message))
	case "status":
		return lua.LString(r.Status)
	case "exit_code":
		return lua.LNumber(r.ExitCode)
	case "time":
		return unix(r.Time)
	case "perfdata":
		if v := t.RawGetString(key); v != lua.LNil {
			return v
		}
		v := s.perfdata(r.Perfdata)
		t.RawSetString(key, v) // one table, so result.perfdata == result.perfdata
		return v
	}
	return lua.LNil
}

// perfdata builds result.perfdata: label → {value, uom, warn, crit, min, max}.
func (s *sandbox) perfdata(items []Perf) *lua.LTable {
	L := s.L
	perf := L.CreateTable(0, len(items))
	for _, p := range items {
		item := L.CreateTable(0, 6)
		item.RawSetString("value", optNumber(p.Value))
		item.RawSetString("uom", lua.LString(p.UOM))
		item.RawSetString("warn", optString(p.Warn))
		item.RawSetString("crit", optString(p.Crit))
		item.RawSetString("min", optNumber(p.Min))
		item.RawSetString("max", optNumber(p.Max))
		perf.RawSetString(p.Label, item)
	}
	return perf
}
