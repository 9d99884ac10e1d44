package classify

import (
	lua "github.com/yuin/gopher-lua"
)

// baseAllowed are the base-library globals a classifier may use. Everything
// that loads code (load, loadstring, dofile, loadfile, require, module),
// reaches environments (getfenv, setfenv), bypasses metatables (rawget,
// rawset), touches the process (print, collectgarbage) is left out.
var baseAllowed = []string{
	"assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber",
	"tostring", "type", "unpack", "xpcall", "rawequal", "getmetatable", "setmetatable", "_VERSION",
}

// sandbox is one pooled Lua state with its library. The library is built
// once per state and reachable only for reading: every run gets a fresh
// environment whose protected metatable falls back to it.
type sandbox struct {
	L       *lua.LState
	cfg     *Config
	lib     *lua.LTable
	envMeta *lua.LTable
	// resultMeta and argsMeta make `result` and `args` read their fields
	// from the run's input
	resultMeta, argsMeta *lua.LTable
	next                 lua.LValue
	// the unbounded originals the bounded wrappers delegate to
	origFormat lua.LGFunction
	// per run
	deadline  *runDeadline
	allocLeft int
	limitErr  string
	run       *run
}

func newSandbox(cfg *Config) *sandbox {
	L := lua.NewState(lua.Options{
		SkipOpenLibs:     true,
		CallStackSize:    200,
		RegistrySize:     1024,
		RegistryMaxSize:  64 * 1024,
		RegistryGrowStep: 1024,
	})
	for _, open := range []lua.LGFunction{lua.OpenBase, lua.OpenTable, lua.OpenString, lua.OpenMath} {
		L.Push(L.NewFunction(open))
		L.Call(0, 0)
	}
	s := &sandbox{L: L, cfg: cfg, lib: L.NewTable(), deadline: newRunDeadline()}
	globals := L.Get(lua.GlobalsIndex).(*lua.LTable)
	for _, name := range baseAllowed {
		s.lib.RawSetString(name, globals.RawGetString(name))
	}
	s.lib.RawSetString("string", s.readOnly(s.stringLib(globals.RawGetString("string").(*lua.LTable))))
	s.lib.RawSetString("table", s.readOnly(s.tableLib(globals.RawGetString("table").(*lua.LTable))))
	math := globals.RawGetString("math").(*lua.LTable)
	math.RawSetString("randomseed", lua.LNil) // it reseeds the process-wide generator
	s.lib.RawSetString("math", s.readOnly(math))
	s.lib.RawSetString(concatName, L.NewFunction(s.concat))
	s.addHelpers()
	s.lib.RawSetString("history", s.readOnly(s.historyTable(s.currentKey)))
	s.envMeta = L.NewTable()
	s.envMeta.RawSetString("__index", s.lib)
	s.lib.Metatable = L.NewTable()
	s.lib.Metatable.(*lua.LTable).RawSetString("__index", L.NewFunction(s.inputIndex))
	s.envMeta.RawSetString("__metatable", lua.LString("protected"))
	s.next = globals.RawGetString("next")
	s.lib.RawSetString("pairs", L.NewFunction(s.pairs))
	s.resultMeta = s.lazyMeta(s.resultIndex, s.resultPairs)
	s.argsMeta = s.lazyMeta(s.argsIndex, s.argsPairs)
	return s
}

// stringLib bounds the allocating string functions, replaces the pattern
// functions by interruptible ones, and gives strings their
// own protected metatable: gopher-lua uses the string module itself as the
// metatable, which getmetatable("") would hand out for writing.
func (s *sandbox) stringLib(str *lua.LTable) *lua.LTable {
	s.origFormat = str.RawGetString("format").(*lua.LFunction).GFunction
	for _, name := range []string{"dump", "__index"} {
		str.RawSetString(name, lua.LNil)
	}
	for name, fn := range map[string]lua.LGFunction{
		"rep": s.strRep, "format": s.strFormat, "gsub": s.strGsub,
		"find": s.strFind, "match": s.strMatch, "gmatch": s.strGmatch, "gfind": s.strGmatch,
		"upper": s.sameSize(str, "upper"), "lower": s.sameSize(str, "lower"), "reverse": s.sameSize(str, "reverse"),
		"char": s.strChar(str.RawGetString("char").(*lua.LFunction).GFunction),
	} {
		str.RawSetString(name, s.L.NewFunction(fn))
	}
	s.L.SetMetatable(lua.LString(""), s.protectedMeta(str))
	return str
}

// tableLib bounds table.insert and table.concat.
func (s *sandbox) tableLib(tbl *lua.LTable) *lua.LTable {
	tbl.RawSetString("insert", s.L.NewFunction(s.wrapInsert(tbl.RawGetString("insert").(*lua.LFunction))))
	tbl.RawSetString("concat", s.L.NewFunction(s.tableConcat))
	return tbl
}

// protectedMeta is a metatable reading from index that getmetatable will
// not reveal and setmetatable will not replace.
func (s *sandbox) protectedMeta(index *lua.LTable) *lua.LTable {
	mt := s.L.NewTable()
	mt.RawSetString("__index", index)
	mt.RawSetString("__newindex", s.L.NewFunction(denyWrite))
	mt.RawSetString("__metatable", lua.LString("protected"))
	return mt
}

// readOnly returns an empty table that reads through to t and refuses
// writes; rawset is not available to go around it.
func (s *sandbox) readOnly(t *lua.LTable) *lua.LTable {
	p := s.L.NewTable()
	p.Metatable = s.protectedMeta(t)
	return p
}

func denyWrite(L *lua.LState) int {
	L.RaiseError("the helper library is read-only (assign to a local or a global instead)")
	return 0
}

// close releases the state; it is never returned to the pool afterwards.
func (s *sandbox) close() {
	s.deadline.timer.Stop()
	s.L.Close()
}
