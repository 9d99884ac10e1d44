package classify

import (
	"context"
	"errors"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/prophasis/prophasis/internal/state"
)

// seriesFunc tells a history function which series it reads: the current
// run's plugin for `history`, a fixed one for `history.plugin(id)`.
type seriesFunc func() SeriesKey

func (s *sandbox) currentKey() SeriesKey { return s.run.key }

// historyTable builds the Lua `history` API for one series.
func (s *sandbox) historyTable(key seriesFunc) *lua.LTable {
	t := s.L.NewTable()
	for name, fn := range map[string]func(*lua.LState, *run, SeriesKey) int{
		"values": s.histValues, "avg": s.aggField("avg"), "min": s.aggField("min"), "max": s.aggField("max"),
		"sum": s.aggField("sum"), "count": s.aggField("count"), "percentile": s.histPercentile,
		"rollup": s.histRollup, "trend": s.histTrend, "forecast": s.histForecast,
		"state": histState, "since": histSince, "consecutive": s.histConsecutive,
	} {
		t.RawSetString(name, s.L.NewFunction(s.historyCall(key, fn)))
	}
	t.RawSetString("plugin", s.L.NewFunction(s.histPlugin(key)))
	return t
}

// historyCall wraps one API function with the per-run call limit and a
// check that history is available at all.
func (s *sandbox) historyCall(key seriesFunc, fn func(*lua.LState, *run, SeriesKey) int) lua.LGFunction {
	return func(L *lua.LState) int {
		r := s.run
		if r == nil || r.hist == nil {
			L.RaiseError("history is not available here")
		}
		if r.calls++; r.calls > s.cfg.MaxHistoryCalls {
			s.limit(L, "more than %d history reads in one run", s.cfg.MaxHistoryCalls)
		}
		return fn(L, r, key())
	}
}

// histPlugin returns history.plugin(id): the same API for another plugin of
// the same host. It counts as a history call: each builds a table of
// functions.
func (s *sandbox) histPlugin(key seriesFunc) lua.LGFunction {
	return s.historyCall(key, func(L *lua.LState, _ *run, _ SeriesKey) int {
		id := L.CheckString(1)
		if id == "" || len(id) > 200 {
			L.ArgError(1, "plugin id must be 1 to 200 bytes")
		}
		host := key().HostID
		L.Push(s.historyTable(func() SeriesKey { return SeriesKey{HostID: host, PluginID: id} }))
		return 1
	})
}

// window reads the window argument at n and returns the range ending at the
// classified result's time.
func (s *sandbox) window(L *lua.LState, r *run, n int) Range {
	d, err := ParseWindow(L.CheckString(n), s.cfg.MaxWindow)
	if err != nil {
		L.ArgError(n, err.Error())
	}
	return Range{From: r.at.Add(-d), To: r.at}
}

// failed turns a history error into a Lua error; the run is marked so it
// classifies as unknown even if the code catches the error.
func (r *run) failed(L *lua.LState, err error) {
	if r.histErr == nil && !errors.Is(err, context.DeadlineExceeded) {
		r.histErr = err
	}
	L.RaiseError("history: %s", err.Error())
}

func pushOpt(L *lua.LState, v float64, ok bool) int {
	if ok {
		L.Push(lua.LNumber(v))
	} else {
		L.Push(lua.LNil)
	}
	return 1
}

func histState(L *lua.LState, r *run, key SeriesKey) int {
	st, _, err := r.hist.State(L.Context(), key, r.at)
	if err != nil {
		r.failed(L, err)
	}
	L.Push(lua.LString(st))
	return 1
}

func histSince(L *lua.LState, r *run, key SeriesKey) int {
	st, since, err := r.hist.State(L.Context(), key, r.at)
	if err != nil {
		r.failed(L, err)
	}
	return pushOpt(L, r.at.Sub(since).Seconds(), st != state.NoData && !since.IsZero())
}

func (s *sandbox) histConsecutive(L *lua.LState, r *run, key SeriesKey) int {
	var states []state.State
	for i := 1; i <= L.GetTop(); i++ {
		st, err := state.Parse(L.CheckString(i))
		if err != nil {
			L.ArgError(i, err.Error())
		}
		states = append(states, st)
	}
	if len(states) == 0 {
		L.RaiseError("consecutive needs at least one state, e.g. consecutive(\"major\", \"critical\")")
	}
	n, err := r.hist.Consecutive(L.Context(), key, r.at, states, s.cfg.MaxHistoryRows)
	if err != nil {
		r.failed(L, err)
	}
	L.Push(lua.LNumber(n))
	return 1
}

func unix(t time.Time) lua.LNumber { return lua.LNumber(float64(t.UnixNano()) / 1e9) }
