package schema_test

import (
	"context"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/schema"
)

func TestApplyRetentionDeletesOnlyWhatIsOlderThanEachTier(t *testing.T) {
	ctx := context.Background()
	conn := migrated(t, schema.ModePlain)
	seedConfig(t, conn)
	now := time.Date(2026, 6, 15, 12, 30, 0, 0, time.UTC)
	p := schema.DefaultRetention()
	ages := []time.Duration{
		p.Raw - time.Microsecond, p.Raw, p.Raw + time.Microsecond, // raw edge: only the last goes
		100 * 24 * time.Hour,
		p.Hourly + 10*time.Minute,                     // hour bucket straddles the hourly limit: kept
		p.Hourly + 2*time.Hour,                        // whole hour bucket older: hourly row goes
		p.Daily + 6*time.Hour, p.Daily + 37*time.Hour, // same for days
	}
	for i, age := range ages {
		insert(t, conn, batch(now.Add(-age), time.Second, 1, i))
	}
	raw, hourly, daily := count(t, conn, `SELECT count(*) FROM results`),
		count(t, conn, `SELECT count(*) FROM results_hourly`), count(t, conn, `SELECT count(*) FROM results_daily`)

	got, err := schema.ApplyRetention(ctx, conn, now, p)
	if err != nil {
		t.Fatal(err)
	}
	want := schema.Deleted{Raw: 6, Hourly: 3, Daily: 1}
	if got != want {
		t.Fatalf("deleted %+v, want %+v", got, want)
	}
	if n := count(t, conn, `SELECT count(*) FROM results WHERE time < $1`, now.Add(-p.Raw)); n != 0 {
		t.Fatalf("%d raw rows older than the limit survived", n)
	}
	if n := count(t, conn, `SELECT count(*) FROM results`); n != raw-want.Raw {
		t.Fatalf("%d raw rows left, want %d", n, raw-want.Raw)
	}
	if n := count(t, conn, `SELECT count(*) FROM results_hourly`); n != hourly-want.Hourly {
		t.Fatalf("%d hourly rows left, want %d", n, hourly-want.Hourly)
	}
	if n := count(t, conn, `SELECT count(*) FROM results_daily`); n != daily-want.Daily {
		t.Fatalf("%d daily rows left, want %d", n, daily-want.Daily)
	}
	again, err := schema.ApplyRetention(ctx, conn, now, p)
	if err != nil || again != (schema.Deleted{}) {
		t.Fatalf("second run deleted %+v, %v; want nothing", again, err)
	}
}

func TestApplyRetentionDeletesInBatches(t *testing.T) {
	conn := migrated(t, schema.ModePlain)
	seedConfig(t, conn)
	now := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	insert(t, conn, batch(now.Add(-200*24*time.Hour), time.Second, 12000, 0))
	got, err := schema.ApplyRetention(context.Background(), conn, now, schema.DefaultRetention())
	if err != nil || got.Raw != 12000 {
		t.Fatalf("deleted %+v, %v; want all 12000 raw rows", got, err)
	}
}

func TestRetentionSettingsRoundTripAndValidate(t *testing.T) {
	eachMode(t, func(t *testing.T, conn db) {
		ctx := context.Background()
		got, err := schema.LoadRetention(ctx, conn)
		if err != nil {
			t.Fatal(err)
		}
		if d := schema.DefaultRetention(); got.Raw != d.Raw || got.Hourly < d.Hourly || got.Daily < d.Daily {
			t.Fatalf("new database retention %+v, want the defaults %+v", got, d)
		}
		want := schema.Retention{Raw: 30 * 24 * time.Hour, Hourly: 400 * 24 * time.Hour, Daily: 5000 * 24 * time.Hour}
		if err := schema.SetRetention(ctx, conn, want); err != nil {
			t.Fatal(err)
		}
		if got, err := schema.LoadRetention(ctx, conn); err != nil || got != want {
			t.Fatalf("LoadRetention after Set = %+v, %v; want %+v", got, err, want)
		}
		if err := schema.SetRetention(ctx, conn, schema.Retention{Raw: time.Hour, Hourly: want.Hourly, Daily: want.Daily}); err == nil {
			t.Fatal("SetRetention accepted one hour of raw data, shorter than the hourly refresh window")
		}
	})
}
