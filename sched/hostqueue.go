package sched

import (
	"errors"
	"slices"
	"sync/atomic"
	"time"
)

// hostState is where a host is in the dispatcher's hands.
type hostState uint8

const (
	idle    hostState = iota // no job of it runs; its first job, if any, is not due
	ready                    // in the ready list, waiting for a worker
	running                  // a worker runs one of its jobs
)

// hostQueue is one host's waiting jobs in due order; the Dispatcher's
// mutex guards it.
type hostQueue struct {
	id      int64
	jobs    []Job
	keys    map[JobKey]struct{}
	dropped int // jobs dropped since the queue last had room
	state   hostState
	wakeAt  time.Time // the earliest wake-up pending for this host, if any
}

// push inserts job after every job due no later than it (in practice it
// appends: later rounds are due later), unless the same job already waits
// or the queue is full. A job that is running does not count as waiting:
// its next run may queue.
func (q *hostQueue) push(job Job, size int) error {
	key := job.Key()
	if _, ok := q.keys[key]; ok {
		return ErrDuplicate
	}
	if len(q.jobs) >= size {
		q.dropped++
		return ErrQueueFull
	}
	if q.keys == nil {
		q.keys = map[JobKey]struct{}{}
	}
	q.keys[key] = struct{}{}
	i := len(q.jobs)
	for i > 0 && job.Due.Before(q.jobs[i-1].Due) {
		i--
	}
	q.jobs = slices.Insert(q.jobs, i, job)
	return nil
}

// head returns the first job's due time.
func (q *hostQueue) head() (time.Time, bool) {
	if len(q.jobs) == 0 {
		return time.Time{}, false
	}
	return q.jobs[0].Due, true
}

func (q *hostQueue) pop() Job {
	job := q.jobs[0]
	q.jobs[0] = Job{}
	q.jobs = q.jobs[1:]
	delete(q.keys, job.Key())
	return job
}

// recovered returns how many jobs were dropped while the queue was full,
// once it has room again, and resets the count.
func (q *hostQueue) recovered(size int) int {
	if q.dropped == 0 || len(q.jobs) >= size {
		return 0
	}
	n := q.dropped
	q.dropped = 0
	return n
}

// removeNotDue drops the jobs due after now (they are in due order) and
// returns how many.
func (q *hostQueue) removeNotDue(now time.Time) int {
	i := len(q.jobs)
	for i > 0 && q.jobs[i-1].Due.After(now) {
		i--
		delete(q.keys, q.jobs[i].Key())
		q.jobs[i] = Job{}
	}
	n := len(q.jobs) - i
	q.jobs = q.jobs[:i]
	return n
}

// clear empties the queue and returns how many jobs it held.
func (q *hostQueue) clear() int {
	n := len(q.jobs)
	q.jobs = nil
	clear(q.keys)
	return n
}

// Stats are the dispatcher's counters since it started.
type Stats struct {
	Queued     int64 // jobs accepted
	Duplicates int64 // jobs refused because the same one was waiting
	Dropped    int64 // jobs dropped: host queue full, or left at shutdown
	Completed  int64 // jobs run, result handed to the sink
	SinkErrors int64 // results the sink refused
	InFlight   int64 // jobs running now
	Hosts      int   // hosts with jobs queued or running now
	// Late counts the runs started by how late they were past their Due
	// time (jobs without one are not counted).
	Late Lateness
}

type counters struct {
	queued, duplicates, dropped, completed, sinkErrors, inFlight atomic.Int64
	late                                                         lateCounts
}

func (c *counters) admit(err error) {
	switch {
	case err == nil:
		c.queued.Add(1)
	case errors.Is(err, ErrDuplicate):
		c.duplicates.Add(1)
	case errors.Is(err, ErrQueueFull):
		c.dropped.Add(1)
	}
}

func (c *counters) snapshot(hosts int) Stats {
	return Stats{
		Queued: c.queued.Load(), Duplicates: c.duplicates.Load(), Dropped: c.dropped.Load(),
		Completed: c.completed.Load(), SinkErrors: c.sinkErrors.Load(), InFlight: c.inFlight.Load(),
		Hosts: hosts, Late: c.late.snapshot(),
	}
}
