package query

import (
	"fmt"
	"slices"
	"time"
)

// MaintenanceWindow is one row of maintenance_windows, as availability
// needs it. A "once" window runs from StartsAt to EndsAt. A "recurring"
// one runs on DaysOfWeek (0 = Sunday) from StartTime to EndTime after
// local midnight in Zone (EndTime before StartTime crosses midnight),
// optionally limited to StartsAt..EndsAt.
type MaintenanceWindow struct {
	Kind               string
	StartsAt, EndsAt   *time.Time
	DaysOfWeek         []int16
	StartTime, EndTime time.Duration
	Zone               string
}

// Intervals lists the times the window is open within p. Recurring
// windows follow the zone's calendar, so daylight-saving days are right.
func (w MaintenanceWindow) Intervals(p Interval) ([]Interval, error) {
	if w.Kind == "once" {
		if w.StartsAt == nil || w.EndsAt == nil {
			return nil, fmt.Errorf("query: once window without start or end")
		}
		return clip([]Interval{{*w.StartsAt, *w.EndsAt}}, p), nil
	}
	loc, err := time.LoadLocation(w.Zone)
	if err != nil {
		return nil, fmt.Errorf("query: window zone %q: %w", w.Zone, err)
	}
	limit := p
	if w.StartsAt != nil && w.StartsAt.After(limit.From) {
		limit.From = *w.StartsAt
	}
	if w.EndsAt != nil && w.EndsAt.Before(limit.To) {
		limit.To = *w.EndsAt
	}
	var out []Interval
	// Start a day early: a window crossing midnight may reach into p.
	first := p.From.In(loc).AddDate(0, 0, -1)
	for d := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, loc); d.Before(p.To); d = d.AddDate(0, 0, 1) {
		if !slices.Contains(w.DaysOfWeek, int16(d.Weekday())) {
			continue
		}
		start := atClock(d, w.StartTime)
		end := atClock(d, w.EndTime)
		if w.EndTime < w.StartTime {
			end = atClock(d.AddDate(0, 0, 1), w.EndTime)
		}
		out = append(out, Interval{start, end})
	}
	return clip(out, limit), nil
}

// atClock is the wall-clock time of day `clock` on the local day d.
func atClock(d time.Time, clock time.Duration) time.Time {
	h, m, s := int(clock/time.Hour), int(clock%time.Hour/time.Minute), int(clock%time.Minute/time.Second)
	return time.Date(d.Year(), d.Month(), d.Day(), h, m, s, 0, d.Location())
}
