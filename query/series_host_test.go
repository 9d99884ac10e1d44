package query_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/schema"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// hostDay is two days of host 5: test.one every minute (value = minute of
// the hour), test.two from two checks at the same instants every 5 minutes
// (10 and 20, so merged 15/10/20), test.dense every 10 s over the last 12 h.
var (
	hostDayStart = time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	hostDayEnd   = hostDayStart.Add(48 * time.Hour)
)

func seedHostDay(t *testing.T, db *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	var rows []storage.Result
	add := func(tm time.Time, plugin string, check int64, v float64) {
		rows = append(rows, storage.Result{Time: tm, HostID: 5, PluginID: plugin, CheckID: check, Value: &v, Status: "ok", Classification: state.OK})
	}
	for tm := hostDayStart; tm.Before(hostDayEnd); tm = tm.Add(10 * time.Second) {
		if tm.Second() == 0 {
			add(tm, "test.one", 1, float64(tm.Minute()))
		}
		if tm.Second() == 0 && tm.Minute()%5 == 0 {
			add(tm, "test.two", 2, 10)
			add(tm, "test.two", 3, 20)
		}
		if !tm.Before(hostDayEnd.Add(-12 * time.Hour)) {
			add(tm, "test.dense", 4, float64(tm.Second()/10))
		}
	}
	if _, err := storage.CopyResults(ctx, db, rows); err != nil {
		t.Fatal(err)
	}
	// Materialize the first day only: the second is read in real time.
	if err := schema.RefreshRollups(ctx, db, hostDayStart, hostDayStart.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
}

func TestLoadHostSeries(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		seedHostDay(t, db)
		plugins := []string{"test.two", "test.one", "test.none", "test.dense", "test.two"}
		cases := []struct {
			name     string
			from, to time.Time
			tier     query.Tier
			want     map[string]int // points per plugin
		}{
			{"hourly across the watermark", hostDayStart, hostDayEnd, query.TierHourly,
				map[string]int{"test.one": 48, "test.two": 48, "test.dense": 12, "test.none": 0}},
			{"daily", hostDayStart, hostDayEnd, query.TierDaily,
				map[string]int{"test.one": 2, "test.two": 2, "test.dense": 1, "test.none": 0}},
			{"raw, the dense plugin binned", hostDayEnd.Add(-20 * time.Hour), hostDayEnd, "",
				map[string]int{"test.one": 1200, "test.two": 240, "test.dense": 720, "test.none": 0}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				set, err := query.LoadHostSeries(context.Background(), db, 5, plugins, c.from, c.to, c.tier)
				if err != nil {
					t.Fatal(err)
				}
				if len(set) != len(c.want) {
					t.Fatalf("%d series; want %d", len(set), len(c.want))
				}
				for p, n := range c.want {
					if got := len(set[p].Points); got != n {
						t.Fatalf("%s: %d points; want %d", p, got, n)
					}
					one, err := query.LoadSeries(context.Background(), db, query.SeriesKey{HostID: 5, PluginID: p}, c.from, c.to, c.tier)
					if err != nil {
						t.Fatal(err)
					}
					sameSeries(t, p, set[p], one)
				}
				checkMerged(t, set["test.two"])
			})
		}
	})
}

// checkMerged: test.two's two checks merge into one point per instant or
// bucket, the mean of both with their range.
func checkMerged(t *testing.T, s query.Series) {
	t.Helper()
	for i, p := range s.Points {
		if i > 0 && !p.Time.After(s.Points[i-1].Time) {
			t.Fatalf("point %d at %s does not follow %s", i, p.Time, s.Points[i-1].Time)
		}
		if *p.Avg != 15 || *p.Min != 10 || *p.Max != 20 {
			t.Fatalf("test.two at %s = %v/%v/%v; want 15/10/20", p.Time, *p.Avg, *p.Min, *p.Max)
		}
	}
}

func sameSeries(t *testing.T, plugin string, got, want query.Series) {
	t.Helper()
	if got.Tier != want.Tier || got.Bucket != want.Bucket || !got.From.Equal(want.From) || !got.To.Equal(want.To) || len(got.Points) != len(want.Points) {
		t.Fatalf("%s: %s %s..%s by %s with %d points; LoadSeries gives %s %s..%s by %s with %d", plugin,
			got.Tier, got.From, got.To, got.Bucket, len(got.Points), want.Tier, want.From, want.To, want.Bucket, len(want.Points))
	}
	for i := range got.Points {
		g, w := got.Points[i], want.Points[i]
		if !g.Time.Equal(w.Time) || *g.Avg != *w.Avg || *g.Min != *w.Min || *g.Max != *w.Max {
			t.Fatalf("%s point %d: %s %v/%v/%v; LoadSeries gives %s %v/%v/%v", plugin, i, g.Time, *g.Avg, *g.Min, *g.Max, w.Time, *w.Avg, *w.Min, *w.Max)
		}
	}
}
