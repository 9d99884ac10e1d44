package analyst_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// TestAvailabilityClipsSpansToUTCDays checks the day split of a 90-minute
// problem across midnight, in a session far from UTC.
func TestAvailabilityClipsSpansToUTCDays(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		d := seedDocs(t, db)
		ctx := context.Background()
		conn, err := db.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Release()
		if _, err := conn.Exec(ctx, `SET TIME ZONE 'Asia/Kolkata'`); err != nil {
			t.Fatal(err)
		}
		day10 := d.lastMonth.AddDate(0, 0, 10)
		rows, _ := conn.Query(ctx, `SELECT day, state, seconds, percent FROM analyst.availability_daily
			WHERE subject_kind = 'host' AND subject_id = $1 AND day IN ($2::date, $2::date + 1)
			ORDER BY day, state`, d.hosts["db1"], day10.Format(time.DateOnly))
		type share struct {
			Day     time.Time
			State   string
			Seconds float64
			Percent float64
		}
		got, err := pgx.CollectRows(rows, pgx.RowToStructByPos[share])
		if err != nil {
			t.Fatal(err)
		}
		want := []share{
			{day10, "major", 3600, 100.0 / 24}, {day10, "ok", 82800, 100 * 23.0 / 24},
			{day10.AddDate(0, 0, 1), "major", 1800, 100 * 0.5 / 24}, {day10.AddDate(0, 0, 1), "ok", 84600, 100 * 23.5 / 24},
		}
		if len(got) != len(want) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
		for i := range want {
			g, w := got[i], want[i]
			if !g.Day.Equal(w.Day) || g.State != w.State || g.Seconds != w.Seconds || math.Abs(g.Percent-w.Percent) > 1e-9 {
				t.Errorf("row %d: got %+v, want %+v", i, g, w)
			}
		}
	})
}

// TestChangesEndWhereTheNextBegins checks ended_at per series: the latest
// change of a series has none and lasts until now.
func TestChangesEndWhereTheNextBegins(t *testing.T) {
	db := pgtest.Plain(t)
	d := seedDocs(t, db)
	ctx := context.Background()
	var ended *time.Time
	var duration time.Duration
	err := db.QueryRow(ctx, `SELECT ended_at, duration FROM analyst.state_changes
		WHERE host_id = $1 AND plugin_id = 'com.prophasis.disk_usage' AND time = '2026-03-10 12:50+00'`, d.hosts["db1"]).Scan(&ended, &duration)
	if err != nil {
		t.Fatal(err)
	}
	if ended == nil || !ended.Equal(time.Date(2026, 3, 10, 13, 20, 0, 0, time.UTC)) || duration != 30*time.Minute {
		t.Errorf("minor at 12:50: ended %v after %s; want 13:20 after 30m", ended, duration)
	}
	var kind, name string
	err = db.QueryRow(ctx, `SELECT subject_kind, subject_name, ended_at, duration FROM analyst.health_changes
		WHERE subject_id = $1 ORDER BY time DESC LIMIT 1`, d.hosts["db1"]).Scan(&kind, &name, &ended, &duration)
	if err != nil {
		t.Fatal(err)
	}
	if kind != "host" || name != "db1" || ended != nil || duration < 20*24*time.Hour {
		t.Errorf("latest health change of db1: %s %s ended %v after %s; want host db1 still holding for weeks", kind, name, ended, duration)
	}
}
