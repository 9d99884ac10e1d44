package query_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

var day = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func hour(h float64) time.Time { return day.Add(time.Duration(h * float64(time.Hour))) }

// The hand-computed day: ok, critical 06:00-08:00, ok, minor 20:00-21:00;
// maintenance 07:00-09:00. Counted 22 h: ok 20 h (90.91 %), critical 1 h
// (4.55 %), minor 1 h (4.55 %).
func TestAvailabilityHandComputedDay(t *testing.T) {
	bands := []query.Band{
		{From: hour(0), To: hour(6), State: state.OK}, {From: hour(6), To: hour(8), State: state.Critical},
		{From: hour(8), To: hour(20), State: state.OK}, {From: hour(20), To: hour(21), State: state.Minor},
		{From: hour(21), To: hour(24), State: state.OK},
	}
	maint := []query.Interval{{From: hour(7), To: hour(9)}, {From: hour(7.5), To: hour(8.5)}}
	a := query.Summarise(query.Interval{From: hour(0), To: hour(24)}, bands, maint)
	checkAvailability(t, a, 22*time.Hour, 2*time.Hour, map[state.State]float64{state.OK: 90.909, state.Critical: 4.545, state.Minor: 4.545})
}

func checkAvailability(t *testing.T, a query.Availability, counted, excluded time.Duration, pct map[state.State]float64) {
	t.Helper()
	if a.Counted != counted || a.Excluded != excluded {
		t.Fatalf("counted %s excluded %s; want %s and %s", a.Counted, a.Excluded, counted, excluded)
	}
	for s, want := range pct {
		if got := a.Percent(s); math.Abs(got-want) > 0.001 {
			t.Errorf("%s: %.3f %%; want %.3f %%", s, got, want)
		}
	}
	if len(a.In) != len(pct) {
		t.Errorf("states %v; want only %v", a.In, pct)
	}
}

func TestMaintenanceIntervals(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	at := func(y int, m time.Month, d, h int, loc *time.Location) time.Time {
		return time.Date(y, m, d, h, 0, 0, 0, loc)
	}
	ptr := func(t time.Time) *time.Time { return &t }
	week := query.Interval{From: at(2026, 3, 23, 0, time.UTC), To: at(2026, 3, 30, 0, time.UTC)} // Monday to Monday
	cases := []struct {
		name string
		w    query.MaintenanceWindow
		p    query.Interval
		want []query.Interval
	}{
		{"once, clipped to the period", query.MaintenanceWindow{Kind: "once", StartsAt: ptr(at(2026, 3, 22, 20, time.UTC)), EndsAt: ptr(at(2026, 3, 23, 2, time.UTC))},
			week, []query.Interval{{From: week.From, To: at(2026, 3, 23, 2, time.UTC)}}},
		{"weekly Sunday 02:00-04:00 London across the DST change", query.MaintenanceWindow{Kind: "recurring", DaysOfWeek: []int16{0},
			StartTime: 2 * time.Hour, EndTime: 4 * time.Hour, Zone: "Europe/London"},
			week, []query.Interval{{From: at(2026, 3, 29, 2, london), To: at(2026, 3, 29, 4, london)}}},
		{"crossing midnight reaches into the period", query.MaintenanceWindow{Kind: "recurring", DaysOfWeek: []int16{0},
			StartTime: 23 * time.Hour, EndTime: time.Hour, Zone: "UTC"},
			week, []query.Interval{{From: week.From, To: at(2026, 3, 23, 1, time.UTC)}, {From: at(2026, 3, 29, 23, time.UTC), To: week.To}}},
		{"recurring limited by ends_at", query.MaintenanceWindow{Kind: "recurring", DaysOfWeek: []int16{1, 2, 3}, StartTime: 0, EndTime: time.Hour,
			Zone: "UTC", EndsAt: ptr(at(2026, 3, 24, 12, time.UTC))},
			week, []query.Interval{{From: week.From, To: at(2026, 3, 23, 1, time.UTC)}, {From: at(2026, 3, 24, 0, time.UTC), To: at(2026, 3, 24, 1, time.UTC)}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.w.Intervals(c.p)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v; want %v", got, c.want)
			}
			for i := range got {
				if !got[i].From.Equal(c.want[i].From) || !got[i].To.Equal(c.want[i].To) {
					t.Fatalf("interval %d = %v; want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

// The same day stored: the host's health log, and the window scoped to a
// group nesting the host's group.
func TestLoadAvailability(t *testing.T) {
	db := pgtest.Plain(t)
	ctx := context.Background()
	var host, inner, outer, svc, win int64
	for _, q := range []struct {
		sql  string
		dest *int64
	}{
		{`INSERT INTO hosts (name, address) VALUES ('web1', 'x') RETURNING id`, &host},
		{`INSERT INTO host_groups (name) VALUES ('inner') RETURNING id`, &inner},
		{`INSERT INTO host_groups (name) VALUES ('outer') RETURNING id`, &outer},
		{`INSERT INTO services (name) VALUES ('shop') RETURNING id`, &svc},
		{`INSERT INTO maintenance_windows (name, kind, starts_at, ends_at) VALUES ('patch', 'once', '2026-06-01 07:00Z', '2026-06-01 09:00Z') RETURNING id`, &win},
	} {
		if err := db.QueryRow(ctx, q.sql).Scan(q.dest); err != nil {
			t.Fatal(err)
		}
	}
	exec(t, db, `INSERT INTO host_group_hosts (group_id, host_id) VALUES ($1, $2)`, inner, host)
	exec(t, db, `INSERT INTO host_group_groups (parent_id, child_id) VALUES ($1, $2)`, outer, inner)
	exec(t, db, `INSERT INTO maintenance_window_host_groups (window_id, group_id) VALUES ($1, $2)`, win, outer)
	exec(t, db, `INSERT INTO health_changes (time, host_id, from_state, to_state) VALUES
		('2026-05-20Z', $1, 'no_data', 'ok'), ('2026-06-01 06:00Z', $1, 'ok', 'critical'), ('2026-06-01 08:00Z', $1, 'critical', 'ok'),
		('2026-06-01 20:00Z', $1, 'ok', 'minor'), ('2026-06-01 21:00Z', $1, 'minor', 'ok'), ('2026-06-02 03:00Z', $1, 'ok', 'major')`, host)
	exec(t, db, `INSERT INTO health_changes (time, service_id, from_state, to_state) VALUES
		('2026-06-01 12:00Z', $1, 'no_data', 'degraded')`, svc)
	period := query.Interval{From: hour(0), To: hour(24)}
	a, err := query.LoadAvailability(ctx, db, query.Subject{Kind: "host", ID: host}, period)
	if err != nil {
		t.Fatal(err)
	}
	checkAvailability(t, a, 22*time.Hour, 2*time.Hour, map[state.State]float64{state.OK: 90.909, state.Critical: 4.545, state.Minor: 4.545})
	a, err = query.LoadAvailability(ctx, db, query.Subject{Kind: "service", ID: svc}, period)
	if err != nil {
		t.Fatal(err)
	}
	checkAvailability(t, a, 24*time.Hour, 0, map[state.State]float64{state.NoData: 50, state.Degraded: 50})
}

func exec(t *testing.T, db *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), sql, args...); err != nil {
		t.Fatal(err)
	}
}
