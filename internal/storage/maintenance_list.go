package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// MaintenanceWindowRow is a maintenance window as the REST API lists it,
// with its scope.
type MaintenanceWindowRow struct {
	ID          int64      `db:"id"`
	Name        string     `db:"name"`
	Description string     `db:"description"`
	Kind        string     `db:"kind"`
	StartsAt    *time.Time `db:"starts_at"`
	EndsAt      *time.Time `db:"ends_at"`
	Days        []int16    `db:"days"`
	StartTime   string     `db:"start_time"`
	EndTime     string     `db:"end_time"`
	TimeZone    string     `db:"time_zone"`
	Hosts       []int64    `db:"hosts"`
	HostGroups  []int64    `db:"host_groups"`
	Services    []int64    `db:"services"`
}

const maintenanceListSQL = `SELECT w.id, w.name, w.description, w.kind, w.starts_at, w.ends_at,
		coalesce(w.days_of_week, '{}') AS days, coalesce(to_char(w.start_time, 'HH24:MI'), '') AS start_time,
		coalesce(to_char(w.end_time, 'HH24:MI'), '') AS end_time, coalesce(w.time_zone, '') AS time_zone,
		array(SELECT host_id FROM maintenance_window_hosts WHERE window_id = w.id ORDER BY 1) AS hosts,
		array(SELECT group_id FROM maintenance_window_host_groups WHERE window_id = w.id ORDER BY 1) AS host_groups,
		array(SELECT service_id FROM maintenance_window_services WHERE window_id = w.id ORDER BY 1) AS services
	FROM maintenance_windows w WHERE $1 = 0 OR w.id = $1 ORDER BY w.id`

// ListMaintenanceWindowRows returns every window (id 0) or the one with id.
func ListMaintenanceWindowRows(ctx context.Context, db DBTX, id int64) ([]MaintenanceWindowRow, error) {
	rows, _ := db.Query(ctx, maintenanceListSQL, id)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[MaintenanceWindowRow])
	if err != nil {
		return nil, fmt.Errorf("storage: list maintenance windows: %w", mapErr(err))
	}
	return out, nil
}
