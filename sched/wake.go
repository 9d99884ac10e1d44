package sched

import (
	"container/heap"
	"time"
)

// wakeup is a host whose first job comes due at at.
type wakeup struct {
	at time.Time
	q  *hostQueue
}

// wakeHeap orders wake-ups by time, earliest first (container/heap).
type wakeHeap []wakeup

func (h wakeHeap) Len() int           { return len(h) }
func (h wakeHeap) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h wakeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *wakeHeap) Push(x any)        { *h = append(*h, x.(wakeup)) }
func (h *wakeHeap) Pop() any {
	old := *h
	w := old[len(old)-1]
	old[len(old)-1] = wakeup{}
	*h = old[:len(old)-1]
	return w
}

// wakeAt arranges for q to be settled again at at: one goroutine sleeps
// until the earliest wake-up, however many hosts wait, and exists only
// while some do. Callers hold d.mu.
func (d *Dispatcher) wakeAt(at time.Time, q *hostQueue) {
	heap.Push(&d.timers, wakeup{at: at, q: q})
	switch {
	case !d.waking:
		d.waking = true
		d.wg.Add(1)
		go d.wake()
	case d.timers[0].q == q && d.timers[0].at.Equal(at):
		select { // the waker sleeps until a later time: tell it
		case d.poke <- struct{}{}:
		default:
		}
	}
}

// wake settles the hosts whose wake-up time has come, then sleeps until
// the next one or until an earlier one is scheduled. A wake-up is stale
// when its host was forgotten and queued anew, or is running (the run's end
// settles it); it then does nothing.
func (d *Dispatcher) wake() {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		now := d.clock.Now()
		for len(d.timers) > 0 && !d.timers[0].at.After(now) {
			w := heap.Pop(&d.timers).(wakeup)
			if w.at.Equal(w.q.wakeAt) {
				w.q.wakeAt = time.Time{}
			}
			if d.hosts[w.q.id] == w.q {
				d.settle(w.q)
			}
		}
		if d.closed || len(d.timers) == 0 {
			d.waking = false
			d.timers = nil
			d.mu.Unlock()
			return
		}
		next := d.timers[0].at
		d.mu.Unlock()
		select {
		case <-d.clock.After(next.Sub(now)):
		case <-d.poke:
		case <-d.stop:
		}
	}
}
