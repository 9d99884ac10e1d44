package demo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/demo"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var end = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// TestLoad loads 14 days and reads them back the way the reports do.
func TestLoad(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		ctx := context.Background()
		sum, err := demo.Load(ctx, db, demo.Options{Now: end, Days: 14})
		if err != nil {
			t.Fatal(err)
		}
		if steps := 14 * 24 * 12; sum.Hosts != 6 || sum.Results != steps*11 {
			t.Fatalf("summary %+v; want 6 hosts and %d results", sum, steps*11)
		}
		if _, err := demo.Load(ctx, db, demo.Options{Now: end, Days: 14}); !errors.Is(err, demo.ErrLoaded) {
			t.Fatalf("second load: %v; want ErrLoaded", err)
		}
		h, err := query.LoadHealth(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]int64{}
		rows, _ := db.Query(ctx, `SELECT name, id FROM hosts UNION ALL SELECT name, id FROM services`)
		for rows.Next() {
			var name string
			var id int64
			_ = rows.Scan(&name, &id)
			ids[name] = id
		}
		if got := h.Host(ids["files-1"]); got != state.Major {
			t.Errorf("files-1 ends %s; want major (disk above 85 %%)", got)
		}
		if got := h.Host(ids["web-3"]); got != state.OK {
			t.Errorf("web-3 ends %s; want ok", got)
		}
		shop := query.Subject{Kind: "service", ID: ids["shop"]}
		bands, err := query.HealthBands(ctx, db, shop, query.Interval{From: end.Add(-14 * 24 * time.Hour), To: end})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[state.State]bool{}
		for _, b := range bands {
			seen[b.State] = true
		}
		if !seen[state.Degraded] || !seen[state.Major] || !seen[state.Critical] || !seen[state.OK] {
			t.Errorf("shop went through %v; want ok, degraded (web-2), major (db-1) and critical (router)", seen)
		}
		disk, err := query.LoadSeries(ctx, db, query.SeriesKey{HostID: ids["files-1"], PluginID: "demo.disk"}, end.Add(-14*24*time.Hour), end, "")
		if err != nil || disk.Tier != query.TierHourly || len(disk.Points) != 14*24 {
			t.Fatalf("disk series: %s with %d points, %v", disk.Tier, len(disk.Points), err)
		}
		if first, last := *disk.Points[0].Avg, *disk.Points[len(disk.Points)-1].Avg; first > 61 || last < 87 {
			t.Errorf("disk goes from %.1f to %.1f; want about 60 to 88", first, last)
		}
	})
}
