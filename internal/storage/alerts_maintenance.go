package storage

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert"
)

type windowRow struct {
	ID       int64      `db:"id"`
	Name     string     `db:"name"`
	Kind     string     `db:"kind"`
	Start    *time.Time `db:"starts_at"`
	End      *time.Time `db:"ends_at"`
	Days     []int16    `db:"days_of_week"`
	From     float64    `db:"start_s"`
	To       float64    `db:"end_s"`
	Zone     *string    `db:"time_zone"`
	Hosts    []int64    `db:"hosts"`
	Groups   []int64    `db:"host_groups"`
	Services []int64    `db:"services"`
}

const maintenanceWindowsQuery = `SELECT w.id, w.name, w.kind, w.starts_at, w.ends_at, w.days_of_week,
		coalesce(extract(epoch FROM w.start_time), 0)::float8 AS start_s,
		coalesce(extract(epoch FROM w.end_time), 0)::float8 AS end_s,
		w.time_zone,
		array(SELECT host_id FROM maintenance_window_hosts WHERE window_id = w.id ORDER BY 1) AS hosts,
		array(SELECT group_id FROM maintenance_window_host_groups WHERE window_id = w.id ORDER BY 1) AS host_groups,
		array(SELECT service_id FROM maintenance_window_services WHERE window_id = w.id ORDER BY 1) AS services
	FROM maintenance_windows w
	WHERE w.ends_at IS NULL OR w.ends_at > $1
	ORDER BY w.id`

// MaintenanceWindows loads the windows that have not ended by now.
func MaintenanceWindows(ctx context.Context, db DBTX, now time.Time) ([]alert.Window, error) {
	rows, _ := db.Query(ctx, maintenanceWindowsQuery, now)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[windowRow])
	if err != nil {
		return nil, fmt.Errorf("storage: load maintenance windows: %w", mapErr(err))
	}
	out := make([]alert.Window, 0, len(list))
	for _, r := range list {
		w := alert.Window{ID: r.ID, Name: r.Name}
		if r.Start != nil {
			w.Start = *r.Start
		}
		if r.End != nil {
			w.End = *r.End
		}
		if r.Kind == "recurring" {
			for _, d := range r.Days {
				w.Weekdays = append(w.Weekdays, time.Weekday(d))
			}
			w.From, w.To = alertSeconds(r.From), alertSeconds(r.To)
			w.Location = time.UTC
			if r.Zone != nil {
				// The database checked the name against its own zone list; if
				// Go's differs, UTC is the least surprising fallback.
				if loc, err := time.LoadLocation(*r.Zone); err == nil {
					w.Location = loc
				}
			}
		}
		for _, id := range r.Hosts {
			w.Subjects = append(w.Subjects, alert.SubjectRef{Kind: alert.SubjectHost, ID: id})
		}
		for _, id := range r.Groups {
			w.Subjects = append(w.Subjects, alert.SubjectRef{Kind: alert.SubjectHostGroup, ID: id})
		}
		for _, id := range r.Services {
			w.Subjects = append(w.Subjects, alert.SubjectRef{Kind: alert.SubjectService, ID: id})
		}
		out = append(out, w)
	}
	return out, nil
}

// HostGroupsOfHosts maps each host to every group containing it, directly
// or through nested groups (UNION makes the walk stop on any loop).
func HostGroupsOfHosts(ctx context.Context, db DBTX) (map[int64][]int64, error) {
	const q = `WITH RECURSIVE up(host_id, group_id) AS (
			SELECT host_id, group_id FROM host_group_hosts
			UNION
			SELECT u.host_id, g.parent_id FROM up u JOIN host_group_groups g ON g.child_id = u.group_id
		)
		SELECT host_id, array_agg(group_id ORDER BY group_id) FROM up GROUP BY host_id`
	out := map[int64][]int64{}
	err := withoutJIT(ctx, db, func(q2 DBTX) error {
		rows, _ := q2.Query(ctx, q)
		var host int64
		var groups []int64
		_, err := pgx.ForEachRow(rows, []any{&host, &groups}, func() error {
			out[host] = slices.Clone(groups) // the scan target is reused per row
			return nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: host groups of hosts: %w", mapErr(err))
	}
	return out, nil
}
