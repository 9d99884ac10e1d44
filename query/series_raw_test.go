package query_test

import (
	"context"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// TestDenseRawSeries: a check every 10 s for 12 h is 4,320 raw points, too
// many to draw; the series comes back as 1-minute averages instead.
func TestDenseRawSeries(t *testing.T) {
	db := pgtest.Plain(t)
	start := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	var rows []storage.Result
	for tm := start; tm.Before(start.Add(12 * time.Hour)); tm = tm.Add(10 * time.Second) {
		v := float64(tm.Second() / 10) // 0..5 in every minute
		rows = append(rows, storage.Result{Time: tm, HostID: 9, PluginID: "test.dense", CheckID: 1, Value: &v, Status: "ok", Classification: state.OK})
	}
	if _, err := storage.CopyResults(context.Background(), db, rows); err != nil {
		t.Fatal(err)
	}
	key := query.SeriesKey{HostID: 9, PluginID: "test.dense"}
	cases := []struct {
		name     string
		from, to time.Time
		bucket   time.Duration
		points   int
		first    time.Time
	}{
		{"12 hours in 1-minute buckets", start, start.Add(12 * time.Hour), time.Minute, 720, start},
		{"unaligned ends widen to whole buckets", start.Add(30 * time.Second), start.Add(11*time.Hour + 10*time.Second), time.Minute, 661, start},
		{"5 hours stay raw", start, start.Add(5 * time.Hour), 0, 1800, start},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := query.LoadSeries(context.Background(), db, key, c.from, c.to, "")
			if err != nil {
				t.Fatal(err)
			}
			if s.Tier != query.TierRaw || s.Bucket != c.bucket || len(s.Points) != c.points || !s.Points[0].Time.Equal(c.first) {
				t.Fatalf("tier %s bucket %s: %d points from %s; want bucket %s, %d points from %s",
					s.Tier, s.Bucket, len(s.Points), s.Points[0].Time, c.bucket, c.points, c.first)
			}
			if p := s.Points[3]; c.bucket > 0 && (*p.Avg != 2.5 || *p.Min != 0 || *p.Max != 5) {
				t.Fatalf("bucket %s = %v/%v/%v; want 2.5/0/5", p.Time, *p.Avg, *p.Min, *p.Max)
			}
		})
	}
}
