package alert

import (
	"fmt"
	"slices"
	"time"
)

// SubjectRef names one host, host group or service.
type SubjectRef struct {
	Kind SubjectKind
	ID   int64
}

// Window is a maintenance window: problem notifications for the subjects
// it covers are held back while it is active (recoveries never are). It is
// either one-off (Start..End) or recurring (Weekdays, a daily time range
// in Location; a range whose end is not after its start runs past
// midnight into the next day; equal ends mean the whole day), optionally
// limited to Start..End.
type Window struct {
	ID   int64
	Name string
	// One-off.
	Start, End time.Time
	// Recurring, used when Weekdays is not empty.
	Weekdays []time.Weekday
	From, To time.Duration // offsets from local midnight
	Location *time.Location
	// Scope: hosts, host groups (their hosts, nested) and services; an
	// empty scope mutes nothing.
	Subjects []SubjectRef
}

// Active reports whether the window mutes at t.
func (w Window) Active(t time.Time) bool {
	if len(w.Weekdays) == 0 {
		return !t.Before(w.Start) && t.Before(w.End)
	}
	if (!w.Start.IsZero() && t.Before(w.Start)) || (!w.End.IsZero() && !t.Before(w.End)) {
		return false
	}
	loc := w.Location
	if loc == nil {
		loc = time.UTC
	}
	local := t.In(loc)
	// Wall-clock time of day, so "02:00-04:00" means what the clock on the
	// wall says even on the days daylight saving time changes.
	h, m, sec := local.Clock()
	tod := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second
	day, prev := local.Weekday(), (local.Weekday()+6)%7
	switch {
	case w.From == w.To:
		return slices.Contains(w.Weekdays, day)
	case w.From < w.To:
		return slices.Contains(w.Weekdays, day) && tod >= w.From && tod < w.To
	default:
		return (slices.Contains(w.Weekdays, day) && tod >= w.From) ||
			(slices.Contains(w.Weekdays, prev) && tod < w.To)
	}
}

// Covers reports whether the window's scope includes tr's subject; a host
// is covered through any group it belongs to.
func (w Window) Covers(tr Transition, groupsOf func(host int64) []int64) bool {
	if slices.Contains(w.Subjects, SubjectRef{tr.Subject, tr.SubjectID}) {
		return true
	}
	if tr.Subject != SubjectHost {
		return false
	}
	return slices.ContainsFunc(groupsOf(tr.SubjectID), func(g int64) bool {
		return slices.Contains(w.Subjects, SubjectRef{SubjectHostGroup, g})
	})
}

// Validate rejects windows that can never be active or are ambiguous.
func (w Window) Validate() error {
	if len(w.Weekdays) == 0 {
		if !w.End.After(w.Start) {
			return fmt.Errorf("alert: maintenance window %q ends before it starts", w.Name)
		}
		return nil
	}
	day := 24 * time.Hour
	if w.From < 0 || w.From >= day || w.To < 0 || w.To >= day {
		return fmt.Errorf("alert: maintenance window %q: times must be within a day", w.Name)
	}
	return nil
}

// muteReason is why a problem for tr is held back at now, or "".
func muteReason(windows []Window, tr Transition, now time.Time, groupsOf func(int64) []int64) string {
	for _, w := range windows {
		if w.Active(now) && w.Covers(tr, groupsOf) {
			return fmt.Sprintf("maintenance window %q", w.Name)
		}
	}
	return ""
}
