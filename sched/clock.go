package sched

import "time"

// Clock is where the scheduler and dispatcher get the time from. Production
// code uses System; tests pass a fake they move by hand, so no test sleeps
// and interval arithmetic can be checked at any instant, decades included.
type Clock interface {
	// Now returns the current time in UTC.
	Now() time.Time
	// After delivers the time on the returned channel once d has passed.
	After(d time.Duration) <-chan time.Time
}

// System is the wall clock. Times are returned in UTC so that daylight
// saving changes can never shift a schedule.
type System struct{}

// Now returns time.Now in UTC.
func (System) Now() time.Time { return time.Now().UTC() }

// After is time.After; since Go 1.23 an unread timer is collected, so a
// loop that leaves on ctx.Done leaks nothing.
func (System) After(d time.Duration) <-chan time.Time { return time.After(d) }
