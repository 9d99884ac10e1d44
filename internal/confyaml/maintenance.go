package confyaml

import (
	"fmt"
	"slices"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
)

// Window is a maintenance window, keyed by name, muting problem
// notifications of its hosts, host groups and services. It is "once" from
// StartsAt to EndsAt, or recurring when Days, StartTime, EndTime and
// TimeZone are given: on those days from StartTime to EndTime (HH:MM, an
// end before the start crosses midnight), optionally only between StartsAt
// and EndsAt. Times are RFC 3339.
type Window struct {
	Name        string   `yaml:"name"`
	Description string   `yaml:"description,omitempty"`
	StartsAt    string   `yaml:"starts_at,omitempty"`
	EndsAt      string   `yaml:"ends_at,omitempty"`
	Days        []string `yaml:"days,omitempty"` // sun, mon, tue, wed, thu, fri, sat
	StartTime   string   `yaml:"start_time,omitempty"`
	EndTime     string   `yaml:"end_time,omitempty"`
	TimeZone    string   `yaml:"time_zone,omitempty"` // IANA name, e.g. Europe/London
	Hosts       []string `yaml:"hosts,omitempty"`
	Groups      []string `yaml:"groups,omitempty"`
	Services    []string `yaml:"services,omitempty"`
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// recurring reports whether the window repeats weekly.
func (w Window) recurring() bool {
	return len(w.Days) > 0 || w.StartTime != "" || w.EndTime != "" || w.TimeZone != ""
}

func normalizeWindow(w Window) Window {
	w.Days, w.Hosts, w.Groups, w.Services = nilIfEmpty(w.Days), nilIfEmpty(w.Hosts), nilIfEmpty(w.Groups), nilIfEmpty(w.Services)
	return w
}

// input is w as storage writes it, or the first problem with its times;
// validate reports every problem with its line before Apply gets here.
func (w Window) input(ids map[string]map[string]int64) (storage.WindowInput, error) {
	in := storage.WindowInput{Name: w.Name, Description: w.Description, Kind: "once", Hosts: lookup(w.Hosts, ids["host"]),
		HostGroups: lookup(w.Groups, ids["host_group"]), Services: lookup(w.Services, ids["service"])}
	for _, t := range []struct {
		field, text string
		to          **time.Time
	}{{"starts_at", w.StartsAt, &in.StartsAt}, {"ends_at", w.EndsAt, &in.EndsAt}} {
		if t.text == "" {
			continue
		}
		v, err := time.Parse(time.RFC3339, t.text)
		if err != nil {
			return in, fieldError{t.field, fmt.Sprintf("%s %q: want an RFC 3339 time such as 2026-01-01T02:00:00Z", t.field, t.text)}
		}
		*t.to = &v
	}
	if in.StartsAt != nil && in.EndsAt != nil && !in.EndsAt.After(*in.StartsAt) {
		return in, fieldError{"ends_at", fmt.Sprintf("ends_at %s: want a time after starts_at", w.EndsAt)}
	}
	if !w.recurring() {
		if in.StartsAt == nil || in.EndsAt == nil {
			return in, fieldError{"", "a window without days needs starts_at and ends_at"}
		}
		return in, nil
	}
	return w.weekly(in)
}

// weekly fills in a recurring window's days, times and zone.
func (w Window) weekly(in storage.WindowInput) (storage.WindowInput, error) {
	in.Kind = "recurring"
	if len(w.Days) == 0 {
		return in, fieldError{"", fmt.Sprintf("a recurring window needs days, from %v", dayNames)}
	}
	for _, d := range w.Days {
		n := slices.Index(dayNames, d)
		if n < 0 {
			return in, fieldError{"days", fmt.Sprintf("day %q: want one of %v", d, dayNames)}
		}
		in.Days = append(in.Days, int16(n))
	}
	slices.Sort(in.Days)
	in.Days = slices.Compact(in.Days)
	for _, t := range []struct{ field, text string }{{"start_time", w.StartTime}, {"end_time", w.EndTime}} {
		if _, err := time.Parse("15:04", t.text); err != nil || len(t.text) != 5 {
			return in, fieldError{t.field, fmt.Sprintf("%s %q: want a time of day as HH:MM", t.field, t.text)}
		}
	}
	if w.StartTime == w.EndTime {
		return in, fieldError{"end_time", fmt.Sprintf("end_time %s: want a time other than start_time", w.EndTime)}
	}
	if _, err := time.LoadLocation(w.TimeZone); err != nil || w.TimeZone == "" || w.TimeZone == "Local" {
		return in, fieldError{"time_zone", fmt.Sprintf("time_zone %q: want an IANA time zone such as Europe/London", w.TimeZone)}
	}
	in.StartTime, in.EndTime, in.TimeZone = w.StartTime, w.EndTime, w.TimeZone
	return in, nil
}

// fieldError is a problem with one field of a window ("": the window).
type fieldError struct{ field, msg string }

func (e fieldError) Error() string { return e.msg }

func sameWindow(a, b Window) bool {
	x, errA := a.input(nil)
	y, errB := b.input(nil)
	return errA == nil && errB == nil && x.Description == y.Description && x.Kind == y.Kind &&
		sameTime(x.StartsAt, y.StartsAt) && sameTime(x.EndsAt, y.EndsAt) && slices.Equal(x.Days, y.Days) &&
		x.StartTime == y.StartTime && x.EndTime == y.EndTime && x.TimeZone == y.TimeZone &&
		sameSet(a.Hosts, b.Hosts) && sameSet(a.Groups, b.Groups) && sameSet(a.Services, b.Services)
}

func sameTime(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
