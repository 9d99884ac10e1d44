package classify

import (
	"math"

	lua "github.com/yuin/gopher-lua"
)

// addHelpers installs the original Prophasis array helpers (corrected) and
// two new ones. They look only at positive integer keys and skip nil holes,
// so `values` with results that had no value works as expected.
func (s *sandbox) addHelpers() {
	for name, fn := range map[string]lua.LGFunction{
		"arrayMax":      arrayExtreme(func(a, b float64) bool { return a > b }),
		"arrayMin":      arrayExtreme(func(a, b float64) bool { return a < b }),
		"arraySum":      arraySum,
		"arrayAvg":      arrayAvg,
		"arrayCount":    arrayCount,
		"arrayContains": arrayContains,
	} {
		s.lib.RawSetString(name, s.L.NewFunction(fn))
	}
}

// eachElement calls fn for every value stored under a positive integer key.
func eachElement(t *lua.LTable, fn func(v lua.LValue)) {
	t.ForEach(func(k, v lua.LValue) {
		if n, ok := k.(lua.LNumber); ok && n >= 1 && float64(n) == math.Trunc(float64(n)) {
			fn(v)
		}
	})
}

// numbers returns the sum and count of the numeric elements of t.
func numbers(t *lua.LTable, each func(float64)) (sum float64, count int) {
	eachElement(t, func(v lua.LValue) {
		if n, ok := v.(lua.LNumber); ok {
			sum += float64(n)
			count++
			if each != nil {
				each(float64(n))
			}
		}
	})
	return sum, count
}

// arrayExtreme builds arrayMax/arrayMin: the best number by better, or nil
// for an array without numbers.
func arrayExtreme(better func(a, b float64) bool) lua.LGFunction {
	return func(L *lua.LState) int {
		best, found := 0.0, false
		numbers(L.CheckTable(1), func(x float64) {
			if !found || better(x, best) {
				best, found = x, true
			}
		})
		if !found {
			L.Push(lua.LNil)
		} else {
			L.Push(lua.LNumber(best))
		}
		return 1
	}
}

func arraySum(L *lua.LState) int {
	sum, _ := numbers(L.CheckTable(1), nil)
	L.Push(lua.LNumber(sum))
	return 1
}

// arrayAvg is the mean of the numbers in the array (the original divided by
// the wrong count); nil when there are none.
func arrayAvg(L *lua.LState) int {
	sum, count := numbers(L.CheckTable(1), nil)
	if count == 0 {
		L.Push(lua.LNil)
	} else {
		L.Push(lua.LNumber(sum / float64(count)))
	}
	return 1
}

// arrayCount counts the non-nil elements, or with a second argument the
// elements equal to it.
func arrayCount(L *lua.LState) int {
	t, count := L.CheckTable(1), 0
	want, all := L.Get(2), L.GetTop() < 2
	eachElement(t, func(v lua.LValue) {
		if all || L.RawEqual(v, want) {
			count++
		}
	})
	L.Push(lua.LNumber(count))
	return 1
}

func arrayContains(L *lua.LState) int {
	t, want, found := L.CheckTable(1), L.CheckAny(2), false
	eachElement(t, func(v lua.LValue) { found = found || L.RawEqual(v, want) })
	L.Push(lua.LBool(found))
	return 1
}
