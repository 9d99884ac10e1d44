package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ScheduleConfig is a schedule as the configuration pages list and edit it.
type ScheduleConfig struct {
	ID          int64  `db:"id"`
	Name        string `db:"name"`
	Description string `db:"description"`
	Enabled     bool   `db:"enabled"`
	Intervals   int    `db:"intervals"` // in listings
	Checks      int    `db:"checks"`    // in listings
}

// IntervalConfig is one interval: runs at StartAt + k·Period. ID is 0 for
// a new interval.
type IntervalConfig struct {
	ID      int64         `db:"id"`
	StartAt time.Time     `db:"start_at"`
	Period  time.Duration `db:"period"`
}

// ListScheduleConfigs returns schedules whose name or description contains search.
func ListScheduleConfigs(ctx context.Context, db DBTX, search string) ([]ScheduleConfig, error) {
	const q = `SELECT s.id, s.name, s.description, s.enabled,
			(SELECT count(*) FROM schedule_intervals i WHERE i.schedule_id = s.id)::int AS intervals,
			(SELECT count(*) FROM schedule_checks c WHERE c.schedule_id = s.id)::int AS checks
		FROM schedules s WHERE $1 = '' OR s.name ILIKE '%' || $1 || '%' OR s.description ILIKE '%' || $1 || '%'
		ORDER BY lower(s.name), s.id`
	rows, _ := db.Query(ctx, q, escapeLike(search))
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[ScheduleConfig])
	if err != nil {
		return nil, fmt.Errorf("storage: list schedules: %w", mapErr(err))
	}
	return list, nil
}

// ScheduleConfigByID loads a schedule, its intervals and its checks' ids.
func ScheduleConfigByID(ctx context.Context, db DBTX, id int64) (ScheduleConfig, []IntervalConfig, []int64, error) {
	var s ScheduleConfig
	var checkIDs []int64
	err := db.QueryRow(ctx, `SELECT id, name, description, enabled,
			coalesce((SELECT array_agg(check_id ORDER BY check_id) FROM schedule_checks WHERE schedule_id = $1), '{}')
		FROM schedules WHERE id = $1`, id).Scan(&s.ID, &s.Name, &s.Description, &s.Enabled, &checkIDs)
	if err != nil {
		return s, nil, nil, fmt.Errorf("storage: load schedule %d: %w", id, mapErr(err))
	}
	rows, _ := db.Query(ctx, `SELECT id, start_at, (extract(epoch FROM period) * 1e9)::bigint AS period
		FROM schedule_intervals WHERE schedule_id = $1 ORDER BY id`, id)
	intervals, err := pgx.CollectRows(rows, pgx.RowToStructByName[IntervalConfig])
	if err != nil {
		return s, nil, nil, fmt.Errorf("storage: intervals of schedule %d: %w", id, mapErr(err))
	}
	s.Intervals, s.Checks = len(intervals), len(checkIDs)
	return s, intervals, checkIDs, nil
}
