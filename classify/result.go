package classify

import (
	lua "github.com/yuin/gopher-lua"
)

// resultIndex is the __index of `result`: its fields are read from the
// run's input when asked for, so a classifier that reads only
// result.value does not pay for building the rest.
func (s *sandbox) resultIndex(L *lua.LState) int {
	t, key := L.CheckTable(1), L.CheckString(2)
	var v lua.LValue = lua.LNil
	if s.run != nil {
		r := s.run.in.Result
		switch key {
		case "value":
			v = optNumber(r.Value)
		case "message":
			v = lua.LString(s.capped(r.Message))
		case "status":
			v = lua.LString(r.Status)
		case "exit_code":
			v = lua.LNumber(r.ExitCode)
		case "time":
			v = unix(r.Time)
		case "perfdata":
			v = s.perfdata(r.Perfdata)
			t.RawSetString(key, v) // one table, so result.perfdata == result.perfdata
		}
	}
	L.Push(v)
	return 1
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
