package classify

import (
	"math"
	"testing"
	"time"
)

// linear returns n points of value start + perHour*hours, one every step,
// ending just before end.
func linear(end time.Time, n int, step time.Duration, start, perHour float64) []Point {
	points := make([]Point, n)
	for i := range points {
		at := end.Add(-time.Duration(n-i) * step)
		h := at.Sub(end.Add(-time.Duration(n) * step)).Hours()
		points[i] = Point{Time: at, Value: num(start + perHour*h)}
	}
	return points
}

func TestFitLine(t *testing.T) {
	tests := []struct {
		name            string
		points          []Point
		threshold       float64
		slope, forecast float64
		fits, crosses   bool
	}{
		{"rising", linear(testNow, 60, time.Minute, 50, 2), 90, 2, 19 * 3600, true, true},
		{"falling towards", linear(testNow, 60, time.Minute, 50, -2), 10, -2, 19 * 3600, true, true},
		{"falling away", linear(testNow, 60, time.Minute, 50, -2), 90, -2, 0, true, false},
		{"already past", linear(testNow, 60, time.Minute, 95, 1), 90, 1, 0, true, false},
		{"flat", linear(testNow, 60, time.Minute, 50, 0), 90, 0, 0, true, false},
		{"one point", linear(testNow, 1, time.Minute, 50, 1), 90, 0, 0, false, false},
		{"no points", nil, 90, 0, 0, false, false},
		{"same time", []Point{{Time: testNow, Value: num(1)}, {Time: testNow, Value: num(2)}}, 90, 0, 0, false, false},
		{"holes skipped", append(linear(testNow, 30, time.Minute, 10, 6), Point{Time: testNow.Add(-time.Second)}), 16, 6, 0.5 * 3600, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok := fitLine(tt.points)
			if ok != tt.fits {
				t.Fatalf("fit = %v, want %v", ok, tt.fits)
			}
			if !ok {
				return
			}
			if math.Abs(l.perHour()-tt.slope) > 1e-9 {
				t.Errorf("slope %v per hour, want %v", l.perHour(), tt.slope)
			}
			secs, crosses := l.secondsUntil(tt.threshold, testNow)
			if crosses != tt.crosses || math.Abs(secs-tt.forecast) > 1e-6*math.Max(1, tt.forecast) {
				t.Errorf("forecast %v %v, want %v %v", secs, crosses, tt.forecast, tt.crosses)
			}
		})
	}
}
