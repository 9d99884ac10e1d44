package classify

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// maxFormatDigits is Lua 5.1's own limit on a format's width and precision;
// gopher-lua does not enforce it, so "%999999999d" would allocate a gigabyte.
const maxFormatDigits = 2

// strFormat is string.format with widths capped, an upper bound of its
// result taken from the run's budget before it is built, and the result
// held to the string limit.
func (s *sandbox) strFormat(L *lua.LState) int {
	format := L.CheckString(1)
	specs, ok := formatSpecs(format)
	if !ok {
		L.RaiseError("invalid format (width or precision too long)")
	}
	size, grow := len(format)+specs*(100+32), 1
	if strings.Contains(format, "q") {
		grow = 4 // %q may escape every byte as \ddd
	}
	for i := 2; i <= L.GetTop(); i++ {
		if str, isStr := L.Get(i).(lua.LString); isStr {
			size += grow * len(str)
		}
	}
	s.spend(L, size) // the estimate bounds the allocation before it happens
	n := s.origFormat(L)
	if out := L.Get(-1).String(); len(out) > s.cfg.MaxStringBytes {
		s.limit(L, "string of %d bytes exceeds the limit of %d", len(out), s.cfg.MaxStringBytes)
	}
	return n
}

// formatSpecs counts the conversions in a format and checks their width and
// precision have at most maxFormatDigits digits each.
func formatSpecs(format string) (int, bool) {
	specs := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		for i < len(format) && isFlag(format[i]) {
			i++
		}
		n := digits(format, i)
		i += n
		if i < len(format) && format[i] == '.' {
			i++
			p := digits(format, i)
			i += p
			n = max(n, p)
		}
		if n > maxFormatDigits {
			return specs, false
		}
		specs++
	}
	return specs, true
}

func isFlag(c byte) bool { return c == '-' || c == '+' || c == ' ' || c == '#' || c == '0' }

func digits(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		n++
	}
	return n
}
