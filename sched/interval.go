package sched

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"time"
)

// Interval is one "every Period from Start" rule of a schedule; a schedule
// may have several. NextRun and LastRun are the persisted walking state: a
// zero NextRun means the interval has never been walked; LastRun is the due
// time of the last run made or skipped.
type Interval struct {
	ID         int64
	ScheduleID int64
	Start      time.Time
	Period     time.Duration
	// MaxLateness is the schedule's own limit; zero takes the scheduler's.
	MaxLateness time.Duration
	NextRun     time.Time
	LastRun     time.Time
}

// Decision is what Step decided for one interval at one instant.
type Decision struct {
	// Fire is set when a run is due within the allowed lateness.
	Fire bool
	// Skipped is set when a run was due but later than the maximum
	// lateness: it is dropped, and the interval still moves forward.
	Skipped bool
	// Due is the scheduled time of the run that fired or was skipped.
	Due time.Time
	// Late is how far past Due the decision was taken.
	Late time.Duration
}

// ErrBadPeriod is returned by Validate for a period that is not positive.
var ErrBadPeriod = errors.New("sched: interval period must be positive")

// Validate rejects an interval Step cannot walk.
func (iv Interval) Validate() error {
	if iv.Period <= 0 {
		return fmt.Errorf("interval %d: %w (got %s)", iv.ID, ErrBadPeriod, iv.Period)
	}
	return nil
}

// Step walks iv to now. Runs are the instants Start + k·Period (k ≥ 0); a
// stored NextRun that is not such an instant, or not the first one after
// the last run and before now, comes from an edit (or a clock stepped back)
// and is recomputed without firing unless it is due right now. A due run
// fires once however many periods were missed, and NextRun moves to the
// first instant after now in O(1), so a long outage neither replays old
// runs nor locks the interval up. iv must be valid.
func (iv Interval) Step(now time.Time, maxLate time.Duration) (Interval, Decision) {
	next := iv
	floor := now
	if !iv.LastRun.Before(now) {
		floor = iv.LastRun.Add(time.Nanosecond)
	}
	if iv.NextRun.IsZero() || iv.NextRun.After(now) || !iv.NextRun.After(iv.LastRun) || !iv.onGrid(iv.NextRun) {
		next.NextRun = iv.atOrAfter(floor)
	}
	if next.NextRun.After(now) {
		return next, Decision{}
	}
	d := Decision{Due: next.NextRun, Late: now.Sub(next.NextRun)}
	d.Skipped = d.Late > maxLate
	d.Fire = !d.Skipped
	next.LastRun = d.Due
	next.NextRun = iv.atOrAfter(now.Add(time.Nanosecond))
	return next, d
}

// onGrid reports whether t is one of the interval's run instants.
func (iv Interval) onGrid(t time.Time) bool {
	return !t.Before(iv.Start) && iv.atOrAfter(t).Equal(t)
}

// atOrAfter returns the first run instant not before t.
func (iv Interval) atOrAfter(t time.Time) time.Time {
	if !t.After(iv.Start) {
		return iv.Start
	}
	p := int64(iv.Period)
	if d := int64(t.Sub(iv.Start)); d < math.MaxInt64-p {
		k := (d + p - 1) / p
		return iv.Start.Add(time.Duration(k * p))
	}
	return iv.atOrAfterFar(t)
}

// atOrAfterFar is atOrAfter for gaps beyond time.Duration's 292 years,
// still O(1): exact integer arithmetic on nanoseconds.
func (iv Interval) atOrAfterFar(t time.Time) time.Time {
	giga := big.NewInt(1e9)
	diff := new(big.Int).Mul(big.NewInt(t.Unix()-iv.Start.Unix()), giga)
	diff.Add(diff, big.NewInt(int64(t.Nanosecond()-iv.Start.Nanosecond())))
	p := big.NewInt(int64(iv.Period))
	k := diff.Add(diff, new(big.Int).Sub(p, big.NewInt(1)))
	k.Quo(k, p)
	sec, nsec := new(big.Int).QuoRem(k.Mul(k, p), giga, new(big.Int))
	return time.Unix(iv.Start.Unix()+sec.Int64(), int64(iv.Start.Nanosecond())+nsec.Int64()).UTC()
}
