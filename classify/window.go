package classify

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

var windowPattern = regexp.MustCompile(`^([1-9][0-9]{0,5})([smhdw])$`)

var windowUnits = map[string]time.Duration{
	"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour,
}

// ParseWindow reads a history window such as "90s", "15m", "24h", "7d" or
// "2w": a positive whole number and one unit, nothing else, at most max.
// Classifiers pass windows as text; being strict here keeps a typo from
// silently reading the wrong span.
func ParseWindow(text string, max time.Duration) (time.Duration, error) {
	m := windowPattern.FindStringSubmatch(text)
	if m == nil {
		return 0, fmt.Errorf("window %.20q: want a whole number and a unit s, m, h, d or w, like \"15m\"", text)
	}
	n, _ := strconv.Atoi(m[1]) // at most six digits: cannot fail
	unit := windowUnits[m[2]]
	d := time.Duration(n) * unit
	if time.Duration(n) > max/unit || d > max {
		return 0, fmt.Errorf("window %q is longer than the limit of %s", text, formatDays(max))
	}
	return d, nil
}

func formatDays(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}
