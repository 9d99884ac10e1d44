package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// WindowInput is a maintenance window as forms edit it. Kind "once" uses
// StartsAt..EndsAt; "recurring" uses Days (0 = Sunday), StartTime and
// EndTime ("HH:MM", wall clock in TimeZone) and optionally StartsAt/EndsAt
// as the period it applies in. The database checks the combinations and
// the zone name.
type WindowInput struct {
	Name, Description  string
	Kind               string
	StartsAt, EndsAt   *time.Time
	Days               []int16
	StartTime, EndTime string
	TimeZone           string
	Hosts, HostGroups  []int64
	Services           []int64
	CreatedBy          int64
}

// CreateMaintenanceWindow inserts a window and its scope.
func CreateMaintenanceWindow(ctx context.Context, db DBTX, in WindowInput) (int64, error) {
	const q = `INSERT INTO maintenance_windows (name, description, kind, starts_at, ends_at, days_of_week,
			start_time, end_time, time_zone, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7::time, $8::time, $9, $10) RETURNING id`
	var id int64
	err := alertInTx(ctx, db, func(tx DBTX) error {
		var days []int16
		if len(in.Days) > 0 {
			days = in.Days
		}
		err := tx.QueryRow(ctx, q, in.Name, in.Description, in.Kind, in.StartsAt, in.EndsAt, days,
			alertNilString(in.StartTime), alertNilString(in.EndTime), alertNilString(in.TimeZone), alertNilID(in.CreatedBy)).Scan(&id)
		if err != nil {
			return err
		}
		for _, s := range []struct {
			sql string
			ids []int64
		}{
			{`INSERT INTO maintenance_window_hosts (window_id, host_id) SELECT $1, unnest($2::bigint[])`, in.Hosts},
			{`INSERT INTO maintenance_window_host_groups (window_id, group_id) SELECT $1, unnest($2::bigint[])`, in.HostGroups},
			{`INSERT INTO maintenance_window_services (window_id, service_id) SELECT $1, unnest($2::bigint[])`, in.Services},
		} {
			if _, err := tx.Exec(ctx, s.sql, id, s.ids); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("storage: create maintenance window: %w", mapErr(err))
	}
	return id, nil
}

// DeleteMaintenanceWindow removes a window (ending a maintenance early:
// held-back problems go out at the next tick).
func DeleteMaintenanceWindow(ctx context.Context, db DBTX, id int64) error {
	tag, err := db.Exec(ctx, `DELETE FROM maintenance_windows WHERE id = $1`, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	if err != nil {
		return fmt.Errorf("storage: delete maintenance window %d: %w", id, mapErr(err))
	}
	return nil
}
