package classify

import (
	"math"
	"time"
)

// line is a least-squares fit value = intercept + slope*(t - origin), with
// t in seconds.
type line struct {
	origin           time.Time
	intercept, slope float64
}

// fitLine fits a line through the points with a value; false when fewer than
// two points or all at the same time. Times are taken relative to the first
// point so that unix-epoch magnitudes do not eat the precision.
func fitLine(points []Point) (line, bool) {
	var n, sx, sy, sxx, sxy float64
	var origin time.Time
	for _, p := range points {
		if p.Value == nil {
			continue
		}
		if n == 0 {
			origin = p.Time
		}
		x, y := p.Time.Sub(origin).Seconds(), *p.Value
		n, sx, sy, sxx, sxy = n+1, sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	den := n*sxx - sx*sx
	if n < 2 || den == 0 || math.IsNaN(den) || math.IsInf(den, 0) {
		return line{}, false
	}
	slope := (n*sxy - sx*sy) / den
	return line{origin: origin, slope: slope, intercept: (sy - slope*sx) / n}, true
}

// at is the fitted value at t.
func (l line) at(t time.Time) float64 { return l.intercept + l.slope*t.Sub(l.origin).Seconds() }

// perHour is the slope in value units per hour.
func (l line) perHour() float64 { return l.slope * 3600 }

// secondsUntil returns how long after now the fitted line reaches threshold;
// false when it never will (flat, or moving away, which includes having
// crossed it already).
func (l line) secondsUntil(threshold float64, now time.Time) (float64, bool) {
	if l.slope == 0 {
		return 0, false
	}
	secs := (threshold - l.at(now)) / l.slope
	if secs < 0 || math.IsNaN(secs) || math.IsInf(secs, 0) {
		return 0, false
	}
	return secs, true
}
