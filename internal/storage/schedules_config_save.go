package storage

import (
	"context"
	"fmt"
)

// SaveScheduleConfig creates (s.ID == 0) or updates a schedule in a
// transaction. Intervals are matched by id: unchanged ones keep their
// next_run (a save never makes the scheduler lose or repeat a run), changed
// ones restart from their new start, missing ones are deleted.
func SaveScheduleConfig(ctx context.Context, tx DBTX, s ScheduleConfig, intervals []IntervalConfig, checkIDs []int64) (int64, error) {
	id := s.ID
	var err error
	if id == 0 {
		err = tx.QueryRow(ctx, `INSERT INTO schedules (name, description, enabled) VALUES ($1, $2, $3) RETURNING id`,
			s.Name, s.Description, s.Enabled).Scan(&id)
	} else {
		err = execOne(ctx, tx, `UPDATE schedules SET name = $2, description = $3, enabled = $4 WHERE id = $1`,
			id, s.Name, s.Description, s.Enabled)
	}
	if err != nil {
		return 0, fmt.Errorf("storage: save schedule %q: %w", s.Name, mapErr(err))
	}
	var keep []int64
	for _, iv := range intervals {
		if iv.ID != 0 {
			keep = append(keep, iv.ID)
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM schedule_intervals WHERE schedule_id = $1 AND NOT id = ANY($2::bigint[])`, id, keep); err != nil {
		return 0, fmt.Errorf("storage: save intervals of %q: %w", s.Name, mapErr(err))
	}
	for _, iv := range intervals {
		q := `INSERT INTO schedule_intervals (schedule_id, start_at, period) VALUES ($1, $2, make_interval(secs => $3))`
		args := []any{id, iv.StartAt, iv.Period.Seconds()}
		if iv.ID != 0 {
			q = `UPDATE schedule_intervals SET start_at = $2, period = make_interval(secs => $3), next_run = NULL
				WHERE schedule_id = $1 AND id = $4 AND (start_at, period) IS DISTINCT FROM ($2, make_interval(secs => $3))`
			args = append(args, iv.ID)
		}
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return 0, fmt.Errorf("storage: save interval of %q: %w", s.Name, mapErr(err))
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM schedule_checks WHERE schedule_id = $1`, id); err != nil {
		return 0, fmt.Errorf("storage: save checks of %q: %w", s.Name, mapErr(err))
	}
	_, err = tx.Exec(ctx, `INSERT INTO schedule_checks (schedule_id, check_id)
		SELECT $1, c.id FROM checks c WHERE c.id = ANY($2::bigint[])`, id, checkIDs)
	if err != nil {
		return 0, fmt.Errorf("storage: save checks of %q: %w", s.Name, mapErr(err))
	}
	return id, nil
}

// DeleteScheduleConfig removes a schedule with its intervals and check links.
func DeleteScheduleConfig(ctx context.Context, db DBTX, id int64) error {
	return execOne(ctx, db, `DELETE FROM schedules WHERE id = $1`, id)
}
