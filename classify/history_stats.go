package classify

import (
	lua "github.com/yuin/gopher-lua"
)

// rowCost is what one history row turned into a Lua table is charged
// against the run's allocation budget (the table, its keys and values).
const rowCost = 256

func (s *sandbox) histValues(L *lua.LState, r *run, key SeriesKey) int {
	points := s.points(L, r, key, 1)
	s.spend(L, len(points)*rowCost)
	t := L.CreateTable(len(points), 0)
	for _, p := range points {
		row := L.CreateTable(0, 2)
		row.RawSetString("time", unix(p.Time))
		row.RawSetString("value", lua.LNumber(*p.Value))
		t.Append(row)
	}
	L.Push(t)
	return 1
}

// points reads the valued points of the window argument at n.
func (s *sandbox) points(L *lua.LState, r *run, key SeriesKey, n int) []Point {
	points, err := r.hist.Values(L.Context(), key, s.window(L, r, n), s.cfg.MaxHistoryRows)
	if err != nil {
		r.failed(L, err)
	}
	points = points[max(0, len(points)-s.cfg.MaxHistoryRows):] // an implementation over its limit
	valued := points[:0:0]
	for _, p := range points {
		if p.Value != nil {
			valued = append(valued, p)
		}
	}
	return valued
}

// aggField builds history.avg/min/max/sum/count(window); all but count are
// nil over an empty window.
func (s *sandbox) aggField(field string) func(*lua.LState, *run, SeriesKey) int {
	return func(L *lua.LState, r *run, key SeriesKey) int {
		agg, err := r.hist.Aggregate(L.Context(), key, s.window(L, r, 1))
		if err != nil {
			r.failed(L, err)
		}
		var v float64
		switch field {
		case "count":
			L.Push(lua.LNumber(agg.Count))
			return 1
		case "avg":
			v = agg.Avg
		case "min":
			v = agg.Min
		case "max":
			v = agg.Max
		case "sum":
			v = agg.Sum
		}
		return pushOpt(L, v, agg.Count > 0)
	}
}

func (s *sandbox) histPercentile(L *lua.LState, r *run, key SeriesKey) int {
	p := float64(L.CheckNumber(1))
	if !(p >= 0 && p <= 100) {
		L.ArgError(1, "percentile must be between 0 and 100")
	}
	v, ok, err := r.hist.Percentile(L.Context(), key, p/100, s.window(L, r, 2))
	if err != nil {
		r.failed(L, err)
	}
	return pushOpt(L, v, ok)
}

func (s *sandbox) histRollup(L *lua.LState, r *run, key SeriesKey) int {
	tier := Tier(L.CheckString(1))
	if tier != Hourly && tier != Daily {
		L.ArgError(1, `tier must be "hourly" or "daily"`)
	}
	rows, err := r.hist.Rollup(L.Context(), key, tier, s.window(L, r, 2), s.cfg.MaxHistoryRows)
	if err != nil {
		r.failed(L, err)
	}
	rows = rows[max(0, len(rows)-s.cfg.MaxHistoryRows):]
	s.spend(L, len(rows)*rowCost)
	t := L.CreateTable(len(rows), 0)
	for _, row := range rows {
		lt := L.CreateTable(0, 7)
		lt.RawSetString("time", unix(row.Time))
		lt.RawSetString("avg", lua.LNumber(row.Avg))
		lt.RawSetString("min", lua.LNumber(row.Min))
		lt.RawSetString("max", lua.LNumber(row.Max))
		lt.RawSetString("sum", lua.LNumber(row.Sum))
		lt.RawSetString("count", lua.LNumber(row.Count))
		lt.RawSetString("worst", lua.LString(row.Worst))
		t.Append(lt)
	}
	L.Push(t)
	return 1
}

func (s *sandbox) histTrend(L *lua.LState, r *run, key SeriesKey) int {
	l, ok := fitLine(s.points(L, r, key, 1))
	return pushOpt(L, l.perHour(), ok)
}

func (s *sandbox) histForecast(L *lua.LState, r *run, key SeriesKey) int {
	threshold := float64(L.CheckNumber(1))
	l, ok := fitLine(s.points(L, r, key, 2))
	if !ok {
		return pushOpt(L, 0, false)
	}
	secs, ok := l.secondsUntil(threshold, r.at)
	return pushOpt(L, secs, ok)
}
