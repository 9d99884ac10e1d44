package query

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// Subject is what an availability report is about: a host or a service.
type Subject struct {
	Kind string // "host" or "service"
	ID   int64
}

// subjectColumns maps a subject kind to its health_changes column; only
// these fixed names ever reach the SQL text.
var subjectColumns = map[string]string{"host": "host_id", "service": "service_id"}

// windowsSQL are the maintenance windows touching [$2, $3) that cover a
// host directly or through any group containing it, nested groups included.
const hostWindowsSQL = `WITH RECURSIVE groups(id) AS (
		SELECT group_id FROM host_group_hosts WHERE host_id = $1
		UNION SELECT g.parent_id FROM host_group_groups g JOIN groups ON g.child_id = groups.id)
	SELECT ` + windowColumns + ` FROM maintenance_windows w
	WHERE (EXISTS (SELECT 1 FROM maintenance_window_hosts s WHERE s.window_id = w.id AND s.host_id = $1)
		OR EXISTS (SELECT 1 FROM maintenance_window_host_groups s JOIN groups ON s.group_id = groups.id WHERE s.window_id = w.id))
		AND (w.ends_at IS NULL OR w.ends_at > $2) AND (w.starts_at IS NULL OR w.starts_at < $3)`

const serviceWindowsSQL = `SELECT ` + windowColumns + ` FROM maintenance_windows w
	WHERE EXISTS (SELECT 1 FROM maintenance_window_services s WHERE s.window_id = w.id AND s.service_id = $1)
		AND (w.ends_at IS NULL OR w.ends_at > $2) AND (w.starts_at IS NULL OR w.starts_at < $3)`

const windowColumns = `w.kind, w.starts_at, w.ends_at, w.days_of_week,
	coalesce(extract(epoch FROM w.start_time)::bigint, 0), coalesce(extract(epoch FROM w.end_time)::bigint, 0),
	coalesce(w.time_zone, 'UTC')`

// LoadAvailability reads a subject's health log and maintenance windows and
// summarises period with Summarise.
func LoadAvailability(ctx context.Context, db Querier, sub Subject, period Interval) (Availability, error) {
	col, ok := subjectColumns[sub.Kind]
	if !ok {
		return Availability{}, fmt.Errorf("query: availability of unknown subject kind %q", sub.Kind)
	}
	bands, err := healthTimeline(ctx, db, col, sub.ID, period)
	if err != nil {
		return Availability{}, err
	}
	q := hostWindowsSQL
	if sub.Kind == "service" {
		q = serviceWindowsSQL
	}
	excluded, err := windowIntervals(ctx, db, q, sub.ID, period)
	if err != nil {
		return Availability{}, fmt.Errorf("query: maintenance of %s %d: %w", sub.Kind, sub.ID, err)
	}
	return Summarise(period, bands, excluded), nil
}

// HealthBands is a host's or service's health over period, from its health
// log: the state timeline of a service page.
func HealthBands(ctx context.Context, db Querier, sub Subject, period Interval) ([]Band, error) {
	col, ok := subjectColumns[sub.Kind]
	if !ok {
		return nil, fmt.Errorf("query: health of unknown subject kind %q", sub.Kind)
	}
	return healthTimeline(ctx, db, col, sub.ID, period)
}

// healthTimeline is the subject's health over period from health_changes.
func healthTimeline(ctx context.Context, db Querier, col string, id int64, p Interval) ([]Band, error) {
	initial := map[int64]state.State{}
	var s state.State
	err := db.QueryRow(ctx, `SELECT to_state FROM health_changes WHERE `+col+` = $1 AND time < $2 ORDER BY time DESC LIMIT 1`, id, p.From).Scan(&s)
	switch {
	case err == nil:
		initial[0] = s
	case err != pgx.ErrNoRows:
		return nil, fmt.Errorf("query: health of %s %d at %s: %w", col, id, p.From, err)
	}
	rows, _ := db.Query(ctx, `SELECT time, to_state FROM health_changes WHERE `+col+` = $1 AND time >= $2 AND time < $3 ORDER BY time`, id, p.From, p.To)
	var changes []Transition
	var c Transition
	if _, err := pgx.ForEachRow(rows, []any{&c.Time, &c.To}, func() error { changes = append(changes, c); return nil }); err != nil {
		return nil, fmt.Errorf("query: health changes of %s %d: %w", col, id, err)
	}
	return Timeline(p.From, p.To, initial, changes), nil
}

func windowIntervals(ctx context.Context, db Querier, q string, id int64, p Interval) ([]Interval, error) {
	rows, _ := db.Query(ctx, q, id, p.From, p.To)
	var out []Interval
	var w MaintenanceWindow
	var start, end int64
	_, err := pgx.ForEachRow(rows, []any{&w.Kind, &w.StartsAt, &w.EndsAt, &w.DaysOfWeek, &start, &end, &w.Zone}, func() error {
		w.StartTime, w.EndTime = time.Duration(start)*time.Second, time.Duration(end)*time.Second
		iv, err := w.Intervals(p)
		out = append(out, iv...)
		return err
	})
	return out, err
}
