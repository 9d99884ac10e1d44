package sched

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sync"
	"time"
)

// fakeStore keeps intervals in memory with the same compare-and-set rule
// as the SQL store, and can fail calls on demand.
type fakeStore struct {
	mu            sync.Mutex
	ivs           map[int64]Interval
	exp           Expansion
	failIntervals int
	failExpansion int
	advances      int
	beforeAdvance func(s *fakeStore) // runs under mu, to simulate a concurrent edit
}

func newFakeStore(exp Expansion, ivs ...Interval) *fakeStore {
	s := &fakeStore{ivs: map[int64]Interval{}, exp: exp}
	for _, iv := range ivs {
		s.ivs[iv.ID] = iv
	}
	return s
}

var errDown = errors.New("database down")

func (s *fakeStore) Intervals(context.Context) ([]Interval, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failIntervals > 0 {
		s.failIntervals--
		return nil, errDown
	}
	var out []Interval
	for _, id := range slices.Sorted(maps.Keys(s.ivs)) {
		out = append(out, s.ivs[id])
	}
	return out, nil
}

func (s *fakeStore) Advance(_ context.Context, old, next Interval) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advances++
	if s.beforeAdvance != nil {
		s.beforeAdvance(s)
	}
	if s.ivs[old.ID] != old {
		return false, nil
	}
	s.ivs[old.ID] = next
	return true, nil
}

func (s *fakeStore) Expansion(context.Context, []int64) (Expansion, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failExpansion > 0 {
		s.failExpansion--
		return Expansion{}, errDown
	}
	return s.exp, nil
}

func (s *fakeStore) get(id int64) Interval {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ivs[id]
}

// fakeQueue records enqueued jobs.
type fakeQueue struct{ got chan Job }

func newFakeQueue() *fakeQueue { return &fakeQueue{got: make(chan Job, 1000)} }

func (q *fakeQueue) Enqueue(j Job) error {
	q.got <- j
	return nil
}

// drain returns the jobs enqueued so far.
func (q *fakeQueue) drain() []Job {
	var out []Job
	for {
		select {
		case j := <-q.got:
			out = append(out, j)
		default:
			return out
		}
	}
}

// fakeClock is moved by hand; every After call is reported on sleeping so
// a test knows when the loop under test has gone to sleep.
type fakeClock struct {
	mu       sync.Mutex
	now      time.Time
	timers   []fakeTimer
	sleeping chan time.Duration
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(now time.Time) *fakeClock {
	return &fakeClock{now: now, sleeping: make(chan time.Duration, 100)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	ch := make(chan time.Time, 1)
	c.timers = append(c.timers, fakeTimer{at: c.now.Add(d), ch: ch})
	c.mu.Unlock()
	c.fire()
	c.sleeping <- d
	return ch
}

// Set moves the clock to t and fires the timers that are due.
func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
	c.fire()
}

func (c *fakeClock) fire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	kept := c.timers[:0]
	for _, tm := range c.timers {
		if tm.at.After(c.now) {
			kept = append(kept, tm)
			continue
		}
		tm.ch <- c.now
	}
	c.timers = kept
}
