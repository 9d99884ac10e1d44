package serverside

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// args reads a check's arguments, which come from a form or an API call
// and are validated here, not trusted.
type args map[string]string

func (a args) str(name, def string) string {
	if v := strings.TrimSpace(a[name]); v != "" {
		return v
	}
	return def
}

func (a args) int(name string, def, lo, hi int) (int, error) {
	v := a.str(name, "")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("argument %s: want a whole number from %d to %d, got %q", name, lo, hi, v)
	}
	return n, nil
}

// statusRange is an inclusive range of HTTP status codes.
type statusRange struct{ lo, hi int }

// statusSet is a list of accepted status codes, e.g. "200,301-302".
type statusSet []statusRange

const maxStatusSpec = 256

var errStatusSpec = errors.New(`want status codes like "200" or "200-299,301"`)

// parseStatusSet reads a comma-separated list of codes and ranges.
func parseStatusSet(spec string) (statusSet, error) {
	if len(spec) > maxStatusSpec {
		return nil, fmt.Errorf("expect_status: too long: %w", errStatusSpec)
	}
	var set statusSet
	for part := range strings.SplitSeq(spec, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		if !isRange {
			hi = lo
		}
		l, err1 := strconv.Atoi(strings.TrimSpace(lo))
		h, err2 := strconv.Atoi(strings.TrimSpace(hi))
		if err1 != nil || err2 != nil || l < 100 || h > 599 || l > h {
			return nil, fmt.Errorf("expect_status %q: %w", spec, errStatusSpec)
		}
		set = append(set, statusRange{l, h})
	}
	return set, nil
}

func (s statusSet) contains(code int) bool {
	for _, r := range s {
		if code >= r.lo && code <= r.hi {
			return true
		}
	}
	return false
}

func (s statusSet) String() string {
	parts := make([]string, len(s))
	for i, r := range s {
		parts[i] = strconv.Itoa(r.lo)
		if r.hi != r.lo {
			parts[i] += "-" + strconv.Itoa(r.hi)
		}
	}
	return strings.Join(parts, ",")
}
