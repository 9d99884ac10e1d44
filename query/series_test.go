package query_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

var p0 = query.SeriesKey{HostID: 1, PluginID: "test.p0"}

func TestSeriesOverSeededMonth(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		seedMonth(t, db, 3, 1)
		t.Run("30 days read hourly buckets", func(t *testing.T) { monthIsHourly(t, db) })
		t.Run("6 hours read raw results", func(t *testing.T) { sixHoursIsRaw(t, db) })
		t.Run("adjacent ranges neither miss nor double a bucket", func(t *testing.T) { adjacentRanges(t, db) })
		t.Run("a year reads daily buckets", func(t *testing.T) { yearIsDaily(t, db) })
		t.Run("bands follow the state changes", func(t *testing.T) { bandsOfIncident(t, db) })
		t.Run("top hosts by average", func(t *testing.T) { topHosts(t, db) })
	})
}

func load(t *testing.T, db *pgxpool.Pool, key query.SeriesKey, from, to time.Time, tier query.Tier) query.Series {
	t.Helper()
	s, err := query.LoadSeries(context.Background(), db, key, from, to, tier)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func monthIsHourly(t *testing.T, db *pgxpool.Pool) {
	s := load(t, db, p0, monthStart, monthEnd, "")
	if s.Tier != query.TierHourly || len(s.Points) != 720 || len(s.Points) > 2000 {
		t.Fatalf("tier %s with %d points; want hourly with 720", s.Tier, len(s.Points))
	}
	first, last := s.Points[0], s.Points[len(s.Points)-1]
	if !first.Time.Equal(monthStart) || !last.Time.Equal(monthEnd.Add(-time.Hour)) {
		t.Fatalf("buckets %s..%s; want %s..%s", first.Time, last.Time, monthStart, monthEnd.Add(-time.Hour))
	}
	for _, p := range s.Points {
		if p.Avg == nil || *p.Avg != 29.5 || *p.Min != 0 || *p.Max != 59 {
			t.Fatalf("bucket %s = %v/%v/%v; want 29.5/0/59", p.Time, p.Avg, p.Min, p.Max)
		}
	}
}

func sixHoursIsRaw(t *testing.T, db *pgxpool.Pool) {
	from := monthEnd.Add(-6 * time.Hour)
	s := load(t, db, query.SeriesKey{HostID: 2, PluginID: "test.p0"}, from, monthEnd, "")
	if s.Tier != query.TierRaw || len(s.Points) != 360 {
		t.Fatalf("tier %s with %d points; want raw with 360", s.Tier, len(s.Points))
	}
	if !s.Points[0].Time.Equal(from) || !s.Points[359].Time.Equal(monthEnd.Add(-time.Minute)) {
		t.Fatalf("points %s..%s", s.Points[0].Time, s.Points[359].Time)
	}
	if got := *s.Points[7].Avg; got != float64(s.Points[7].Time.Minute()+10) {
		t.Fatalf("value at %s = %v", s.Points[7].Time, got)
	}
}

// adjacentRanges splits a range at an aligned and at an unaligned instant:
// the two halves together must hold each bucket (or result) exactly once.
func adjacentRanges(t *testing.T, db *pgxpool.Pool) {
	cases := []struct {
		name          string
		from, mid, to time.Time
		tier          query.Tier
	}{
		{"hourly split on a bucket edge", monthStart, monthStart.Add(100 * time.Hour), monthStart.Add(200 * time.Hour), query.TierHourly},
		{"hourly unaligned ends", monthStart.Add(30 * time.Minute), monthStart.Add(100 * time.Hour), monthStart.Add(200*time.Hour + 10*time.Minute), query.TierHourly},
		{"raw split on a result", monthStart.Add(time.Hour), monthStart.Add(2 * time.Hour), monthStart.Add(3 * time.Hour), query.TierRaw},
		{"daily split on a day", monthStart, monthStart.Add(72 * time.Hour), monthEnd, query.TierDaily},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			whole := load(t, db, p0, c.from, c.to, c.tier)
			a, b := load(t, db, p0, c.from, c.mid, c.tier), load(t, db, p0, c.mid, c.to, c.tier)
			joined := append(a.Points, b.Points...)
			if len(joined) != len(whole.Points) {
				t.Fatalf("halves hold %d+%d points, whole %d", len(a.Points), len(b.Points), len(whole.Points))
			}
			for i := range joined {
				if !joined[i].Time.Equal(whole.Points[i].Time) {
					t.Fatalf("point %d at %s, whole has %s", i, joined[i].Time, whole.Points[i].Time)
				}
			}
			if w := c.tier.Width(); w > 0 && !whole.Points[0].Time.Equal(c.from.Truncate(w)) {
				t.Fatalf("first bucket %s; want the one holding %s", whole.Points[0].Time, c.from)
			}
		})
	}
}

func yearIsDaily(t *testing.T, db *pgxpool.Pool) {
	s := load(t, db, p0, monthEnd.Add(-365*24*time.Hour), monthEnd, "")
	if s.Tier != query.TierDaily || len(s.Points) != 30 {
		t.Fatalf("tier %s with %d points; want daily with 30", s.Tier, len(s.Points))
	}
	if p := s.Points[3]; *p.Avg != 29.5 || *p.Min != 0 || *p.Max != 59 {
		t.Fatalf("day %s = %v/%v/%v", p.Time, *p.Avg, *p.Min, *p.Max)
	}
}

func bandsOfIncident(t *testing.T, db *pgxpool.Pool) {
	from := monthStart.Add(24 * time.Hour)
	bands, err := query.LoadBands(context.Background(), db, p0, from, monthEnd)
	if err != nil {
		t.Fatal(err)
	}
	want := []query.Band{
		{From: from, To: incidentFrom, State: state.OK},
		{From: incidentFrom, To: incidentTo, State: state.Critical},
		{From: incidentTo, To: monthEnd, State: state.OK},
	}
	if len(bands) != len(want) {
		t.Fatalf("bands %v; want %v", bands, want)
	}
	for i := range want {
		if !bands[i].From.Equal(want[i].From) || !bands[i].To.Equal(want[i].To) || bands[i].State != want[i].State {
			t.Fatalf("band %d = %v; want %v", i, bands[i], want[i])
		}
	}
}
