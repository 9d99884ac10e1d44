package storage

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/sched"
)

// Periods are read as microseconds: a month counts as 30 days and a day
// as 24 hours, which is what fixed-period walking in UTC needs.
const listIntervalsSQL = `
SELECT i.id, i.schedule_id, i.start_at,
       (extract(epoch FROM i.period) * 1000000)::bigint AS period_us,
       coalesce((extract(epoch FROM s.max_lateness) * 1000000)::bigint, 0) AS max_lateness_us,
       i.next_run, i.last_run
FROM schedule_intervals i
JOIN schedules s ON s.id = i.schedule_id
WHERE s.enabled
ORDER BY i.id`

type intervalRow struct {
	ID            int64      `db:"id"`
	ScheduleID    int64      `db:"schedule_id"`
	StartAt       time.Time  `db:"start_at"`
	PeriodUS      int64      `db:"period_us"`
	MaxLatenessUS int64      `db:"max_lateness_us"`
	NextRun       *time.Time `db:"next_run"`
	LastRun       *time.Time `db:"last_run"`
}

// ListIntervals returns the intervals of every enabled schedule, in UTC.
// A period too long for time.Duration (about 292 years) comes back as -1
// so the scheduler's validation refuses it instead of it overflowing.
func ListIntervals(ctx context.Context, db DBTX) ([]sched.Interval, error) {
	rows, err := db.Query(ctx, listIntervalsSQL)
	if err != nil {
		return nil, fmt.Errorf("list intervals: %w", mapErr(err))
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[intervalRow])
	if err != nil {
		return nil, fmt.Errorf("list intervals: %w", mapErr(err))
	}
	out := make([]sched.Interval, len(list))
	for i, r := range list {
		out[i] = sched.Interval{ID: r.ID, ScheduleID: r.ScheduleID, Start: r.StartAt.UTC(),
			Period: periodFromMicros(r.PeriodUS), MaxLateness: periodFromMicros(r.MaxLatenessUS),
			NextRun: intervalTime(r.NextRun), LastRun: intervalTime(r.LastRun)}
	}
	return out, nil
}

// Only a row still holding what the scheduler read is updated: an edit of
// start or period, or another scheduler's advance, makes this a no-op.
const advanceIntervalSQL = `
UPDATE schedule_intervals SET next_run = $2, last_run = $3
WHERE id = $1 AND start_at = $4
  AND (extract(epoch FROM period) * 1000000)::bigint = $5
  AND next_run IS NOT DISTINCT FROM $6 AND last_run IS NOT DISTINCT FROM $7`

// AdvanceInterval stores next's walking state if the row still matches
// old, and reports whether it did.
func AdvanceInterval(ctx context.Context, db DBTX, old, next sched.Interval) (bool, error) {
	tag, err := db.Exec(ctx, advanceIntervalSQL, old.ID, intervalTimeArg(next.NextRun), intervalTimeArg(next.LastRun),
		old.Start, old.Period.Microseconds(), intervalTimeArg(old.NextRun), intervalTimeArg(old.LastRun))
	if err != nil {
		return false, fmt.Errorf("advance interval %d: %w", old.ID, mapErr(err))
	}
	return tag.RowsAffected() == 1, nil
}

func periodFromMicros(us int64) time.Duration {
	if us > math.MaxInt64/int64(time.Microsecond) || us < 0 {
		return -1
	}
	return time.Duration(us) * time.Microsecond
}

func intervalTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func intervalTimeArg(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// SchedStore gives the scheduler its database access (sched.Store).
type SchedStore struct{ DB DBTX }

var _ sched.Store = SchedStore{}

// Intervals implements sched.Store with ListIntervals.
func (s SchedStore) Intervals(ctx context.Context) ([]sched.Interval, error) {
	return ListIntervals(ctx, s.DB)
}

// Advance implements sched.Store with AdvanceInterval.
func (s SchedStore) Advance(ctx context.Context, old, next sched.Interval) (bool, error) {
	return AdvanceInterval(ctx, s.DB, old, next)
}

// Expansion implements sched.Store with LoadExpansion.
func (s SchedStore) Expansion(ctx context.Context, scheduleIDs []int64) (sched.Expansion, error) {
	return LoadExpansion(ctx, s.DB, scheduleIDs)
}
