package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// UpdateMaintenanceWindow replaces window id and its scope with in
// (CreatedBy is ignored: the window keeps its creator), so the REST API
// can correct a window without deleting it, which would end it early.
func UpdateMaintenanceWindow(ctx context.Context, db DBTX, id int64, in WindowInput) error {
	const q = `UPDATE maintenance_windows SET name = $2, description = $3, kind = $4, starts_at = $5, ends_at = $6,
			days_of_week = $7, start_time = $8::time, end_time = $9::time, time_zone = $10
		WHERE id = $1`
	err := alertInTx(ctx, db, func(tx DBTX) error {
		var days []int16
		if len(in.Days) > 0 {
			days = in.Days
		}
		tag, err := tx.Exec(ctx, q, id, in.Name, in.Description, in.Kind, in.StartsAt, in.EndsAt, days,
			alertNilString(in.StartTime), alertNilString(in.EndTime), alertNilString(in.TimeZone))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return pgx.ErrNoRows
		}
		for _, s := range []struct {
			del, ins string
			ids      []int64
		}{
			{`DELETE FROM maintenance_window_hosts WHERE window_id = $1`,
				`INSERT INTO maintenance_window_hosts (window_id, host_id) SELECT $1, unnest($2::bigint[])`, in.Hosts},
			{`DELETE FROM maintenance_window_host_groups WHERE window_id = $1`,
				`INSERT INTO maintenance_window_host_groups (window_id, group_id) SELECT $1, unnest($2::bigint[])`, in.HostGroups},
			{`DELETE FROM maintenance_window_services WHERE window_id = $1`,
				`INSERT INTO maintenance_window_services (window_id, service_id) SELECT $1, unnest($2::bigint[])`, in.Services},
		} {
			if _, err := tx.Exec(ctx, s.del, id); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, s.ins, id, s.ids); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: update maintenance window %d: %w", id, mapErr(err))
	}
	return nil
}
