package alert

import (
	"testing"
	"time"
)

func TestWindowActive(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("tzdata: %v", err)
	}
	h := time.Hour
	oneOff := Window{Start: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	// Sundays 02:00-04:00 Berlin time.
	sunday := Window{Weekdays: []time.Weekday{time.Sunday}, From: 2 * h, To: 4 * h, Location: berlin}
	// Fridays 22:00 until Saturday 06:00 UTC.
	overnight := Window{Weekdays: []time.Weekday{time.Friday}, From: 22 * h, To: 6 * h}
	limited := overnight
	limited.End = time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)
	allDay := Window{Weekdays: []time.Weekday{time.Monday}}
	tests := []struct {
		name string
		w    Window
		at   time.Time
		want bool
	}{
		{"one-off before", oneOff, time.Date(2026, 3, 1, 9, 59, 59, 0, time.UTC), false},
		{"one-off start inclusive", oneOff, time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), true},
		{"one-off end exclusive", oneOff, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), false},
		// 2026-03-01 is a Sunday; Berlin is UTC+1 in winter.
		{"recurring in zone", sunday, time.Date(2026, 3, 1, 1, 30, 0, 0, time.UTC), true},
		{"recurring zone matters", sunday, time.Date(2026, 3, 1, 3, 30, 0, 0, time.UTC), false},
		{"recurring other weekday", sunday, time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC), false},
		// 2026-03-29 is the DST switch in Berlin: 01:30 UTC is 03:30 CEST.
		{"dst day wall clock", sunday, time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), true},
		{"dst day after range", sunday, time.Date(2026, 3, 29, 2, 0, 0, 0, time.UTC), false},
		// 2026-03-06 is a Friday.
		{"overnight evening", overnight, time.Date(2026, 3, 6, 23, 0, 0, 0, time.UTC), true},
		{"overnight next morning", overnight, time.Date(2026, 3, 7, 5, 59, 0, 0, time.UTC), true},
		{"overnight ends", overnight, time.Date(2026, 3, 7, 6, 0, 0, 0, time.UTC), false},
		{"overnight not before start", overnight, time.Date(2026, 3, 6, 21, 0, 0, 0, time.UTC), false},
		{"overnight wrong day morning", overnight, time.Date(2026, 3, 6, 5, 0, 0, 0, time.UTC), false},
		{"recurring before its end date", limited, time.Date(2026, 3, 6, 23, 0, 0, 0, time.UTC), true},
		{"recurring after its end date", limited, time.Date(2026, 3, 7, 1, 0, 0, 0, time.UTC), false},
		{"all day", allDay, time.Date(2026, 3, 2, 23, 59, 0, 0, time.UTC), true},
		{"all day other day", allDay, time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.w.Active(tt.at); got != tt.want {
				t.Errorf("Active(%s) = %v, want %v", tt.at, got, tt.want)
			}
		})
	}
}

func TestWindowCovers(t *testing.T) {
	groups := func(host int64) []int64 {
		if host == 1 {
			return []int64{10, 11}
		}
		return nil
	}
	w := Window{Subjects: []SubjectRef{{SubjectHostGroup, 11}, {SubjectService, 5}}}
	tests := []struct {
		name string
		tr   Transition
		want bool
	}{
		{"host through group", Transition{Subject: SubjectHost, SubjectID: 1}, true},
		{"host outside", Transition{Subject: SubjectHost, SubjectID: 2}, false},
		{"listed service", Transition{Subject: SubjectService, SubjectID: 5}, true},
		{"service with a host's id", Transition{Subject: SubjectService, SubjectID: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := w.Covers(tt.tr, groups); got != tt.want {
				t.Errorf("Covers = %v, want %v", got, tt.want)
			}
		})
	}
	if (Window{}).Covers(Transition{Subject: SubjectService, SubjectID: 9}, groups) {
		t.Error("an unscoped window mutes nothing")
	}
}

func TestWindowValidate(t *testing.T) {
	now := time.Now()
	bad := []Window{
		{Start: now, End: now},
		{Weekdays: []time.Weekday{time.Monday}, From: 25 * time.Hour},
		{Weekdays: []time.Weekday{time.Monday}, To: -time.Minute},
	}
	for i, w := range bad {
		if w.Validate() == nil {
			t.Errorf("window %d accepted", i)
		}
	}
	if err := (Window{Start: now, End: now.Add(time.Hour)}).Validate(); err != nil {
		t.Error(err)
	}
}
