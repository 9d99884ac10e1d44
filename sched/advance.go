package sched

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"
)

// firing is the run instant a schedule fired for and the period of the
// interval it came from, which bounds how far its jobs may be spread.
type firing struct {
	due    time.Time
	period time.Duration
}

// advance persists each changed interval and returns, for every schedule
// that fired, the earliest due instant among its claimed intervals (the
// shortest period among those due then). An interval whose update lost a
// race does not fire: the other writer owns it.
func (s *Scheduler) advance(ctx context.Context, changed []pending) map[int64]firing {
	fired := map[int64]firing{}
	for _, p := range changed {
		ok, err := withTimeout(ctx, s.cfg.DBTimeout, func(ctx context.Context) (bool, error) {
			return s.store.Advance(ctx, p.old, p.next)
		})
		if err != nil {
			s.logger.Error("save interval state", "schedule_id", p.old.ScheduleID, "interval_id", p.old.ID, "err", err)
			continue
		}
		if !ok {
			s.logger.Debug("interval changed concurrently", "schedule_id", p.old.ScheduleID, "interval_id", p.old.ID)
			continue
		}
		switch {
		case p.d.Skipped:
			s.logger.Warn("skipped late run", "schedule_id", p.old.ScheduleID, "interval_id", p.old.ID,
				"due", p.d.Due, "late", p.d.Late, "next_run", p.next.NextRun)
		case p.d.Fire:
			f, ok := fired[p.old.ScheduleID]
			if !ok || p.d.Due.Before(f.due) || p.d.Due.Equal(f.due) && p.old.Period < f.period {
				fired[p.old.ScheduleID] = firing{due: p.d.Due, period: p.old.Period}
			}
		}
	}
	return fired
}

// enqueue hands the jobs of every fired schedule to the queue, each due at
// the instant plus its PhaseOffset. Jobs the queue refuses (the same check
// still waiting, a full host queue) are counted in one log line per pass;
// the dispatcher logs and counts details. A check run by two schedules
// firing together is queued once.
func (s *Scheduler) enqueue(exp Expansion, fired map[int64]firing) {
	queued, refused := 0, 0
	seen := map[JobKey]bool{}
	for _, sid := range slices.Sorted(maps.Keys(fired)) {
		for _, job := range exp.Jobs(exp.ScheduleChecks[sid]...) {
			if k := job.Key(); seen[k] {
				continue
			} else {
				seen[k] = true
			}
			f := fired[sid]
			job.Due = f.due.Add(PhaseOffset(job.HostID, job.CheckID, s.cfg.SpreadWindow(f.period)))
			switch err := s.queue.Enqueue(job); {
			case err == nil:
				queued++
			case errors.Is(err, ErrShutDown):
				return
			default:
				refused++
			}
		}
	}
	if refused > 0 {
		s.logger.Warn("checks not queued: hosts behind schedule", "queued", queued, "refused", refused)
	}
}

// withTimeout runs f under its own deadline, as every database call must.
func withTimeout[T any](ctx context.Context, d time.Duration, f func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return f(ctx)
}
