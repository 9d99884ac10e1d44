package query_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// rawHourlySQL computes the hourly series from raw results, which is what
// the host page would cost without rollups.
const rawHourlySQL = `SELECT date_trunc('hour', time), avg(value), min(value), max(value)
	FROM results WHERE host_id = $1 AND plugin_id = $2 AND time >= $3 AND time < $4
	GROUP BY 1 ORDER BY 1`

// BenchmarkHostPageSeries reads what the host page reads for 30 days of
// 10 plugins at 1-minute resolution: the 10 hourly series from the rollup
// in one query (LoadHostSeries), the same one query at a time (LoadSeries
// per plugin), and the same series aggregated from 432,000 raw rows. The
// rollups are materialized as the refresh policies leave them, so the
// newest hours come from raw results as on a running system. One op is one
// page; p95-ns/op is the 95th percentile of the pages' times. "page" adds
// the bands and the state-change table: the whole of the page's reads.
func BenchmarkHostPageSeries(b *testing.B) {
	ctx := context.Background()
	plugins := make([]string, 10)
	for p := range plugins {
		plugins[p] = pluginName(p)
	}
	for _, mode := range []struct {
		name string
		open func(testing.TB) *pgxpool.Pool
	}{{"plain", pgtest.Plain}, {"timescale", pgtest.Timescale}} {
		b.Run(mode.name, func(b *testing.B) {
			db := mode.open(b)
			seedMonth(b, db, 1, len(plugins))
			if _, err := db.Exec(ctx, `VACUUM ANALYZE`); err != nil {
				b.Fatal(err)
			}
			b.Run("rollup", func(b *testing.B) {
				timePages(b, func() error {
					set, err := query.LoadHostSeries(ctx, db, 1, plugins, monthStart, monthEnd, "")
					for _, p := range plugins {
						if err == nil && len(set[p].Points) != 720 {
							err = fmt.Errorf("%s: %d points", p, len(set[p].Points))
						}
					}
					return err
				})
			})
			b.Run("rollup-each", func(b *testing.B) {
				timePages(b, func() error {
					for _, p := range plugins {
						s, err := query.LoadSeries(ctx, db, query.SeriesKey{HostID: 1, PluginID: p}, monthStart, monthEnd, "")
						if err != nil || len(s.Points) != 720 {
							return fmt.Errorf("%s: %d points, %w", p, len(s.Points), err)
						}
					}
					return nil
				})
			})
			b.Run("raw", func(b *testing.B) {
				timePages(b, func() error { return rawPage(ctx, db, plugins) })
			})
			b.Run("alternating", func(b *testing.B) { alternate(b, ctx, db, plugins) })
			b.Run("page", func(b *testing.B) {
				timePages(b, func() error { return hostPage(ctx, db, plugins) })
			})
		})
	}
}

// hostPage reads what the host page shows under its header for 30 days:
// every plugin's series and bands, and the state-change table.
func hostPage(ctx context.Context, db *pgxpool.Pool, plugins []string) error {
	if _, err := query.LoadHostSeries(ctx, db, 1, plugins, monthStart, monthEnd, ""); err != nil {
		return err
	}
	bands, err := query.LoadHostBands(ctx, db, 1, plugins, monthStart, monthEnd)
	if err != nil || len(bands["test.p0"]) != 3 {
		return fmt.Errorf("bands %v, %w", bands["test.p0"], err)
	}
	_, err = query.HostStateChanges(ctx, db, 1, monthStart, monthEnd, 200)
	return err
}

// rawPage aggregates each plugin's hourly series from raw results.
func rawPage(ctx context.Context, db *pgxpool.Pool, plugins []string) error {
	for _, p := range plugins {
		rows, _ := db.Query(ctx, rawHourlySQL, 1, p, monthStart, monthEnd)
		n := 0
		for rows.Next() {
			n++
		}
		if rows.Err() != nil || n != 720 {
			return fmt.Errorf("%s: %d buckets, %w", p, n, rows.Err())
		}
	}
	return nil
}

// alternate loads the page from the rollups and from raw results in turn,
// one of each per op, and reports both means and their ratio: on a shared
// machine whose load moves between sub-benchmarks, only figures taken in
// the same minute compare.
func alternate(b *testing.B, ctx context.Context, db *pgxpool.Pool, plugins []string) {
	var rollup, raw []time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := query.LoadHostSeries(ctx, db, 1, plugins, monthStart, monthEnd, ""); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := rawPage(ctx, db, plugins); err != nil {
			b.Fatal(err)
		}
		rollup, raw = append(rollup, mid.Sub(start)), append(raw, time.Since(mid))
	}
	b.ReportMetric(float64(mean(rollup).Nanoseconds()), "rollup-ns/page")
	b.ReportMetric(float64(mean(raw).Nanoseconds()), "raw-ns/page")
	b.ReportMetric(float64(mean(rollup))/float64(mean(raw)), "rollup/raw")
	b.ReportMetric(float64(p95(rollup).Nanoseconds()), "rollup-p95-ns/page")
}

// timePages runs page once per op and reports the 95th percentile of the
// ops' wall times besides the mean, since a page's slowest loads are what
// a user waits for.
func timePages(b *testing.B, page func() error) {
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := page(); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.ReportMetric(float64(p95(took).Nanoseconds()), "p95-ns/op")
}

// p95 is the 95th percentile of d (nearest rank); it sorts d.
func p95(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[(len(d)*95+99)/100-1]
}

func mean(d []time.Duration) time.Duration {
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	return sum / time.Duration(len(d))
}

// TestHostSeriesBeyondSlots reads hourly series over a range with more
// buckets than LoadHostSeries lays out slot by slot (two years): rows then
// take the append-and-sort path and must give the points of a short range,
// two checks merged, buckets in time order, whatever order they arrive in.
func TestHostSeriesBeyondSlots(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		ctx := context.Background()
		at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		var rows []storage.Result
		for _, h := range []int{5, 0, 3} {
			for check, v := range map[int64]float64{1: float64(h), 2: float64(h) + 10} {
				rows = append(rows, storage.Result{Time: at.Add(time.Duration(h) * time.Hour), HostID: 1, PluginID: "test.p0",
					CheckID: check, Value: &v, Status: "ok", Classification: state.OK})
			}
		}
		if _, err := storage.CopyResults(ctx, db, rows); err != nil {
			t.Fatal(err)
		}
		short, err := query.LoadHostSeries(ctx, db, 1, []string{"test.p0"}, at, at.Add(24*time.Hour), query.TierHourly)
		if err != nil {
			t.Fatal(err)
		}
		long, err := query.LoadHostSeries(ctx, db, 1, []string{"test.p0"}, at.AddDate(-1, 0, 0), at.AddDate(1, 0, 0), query.TierHourly)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []query.Series{short["test.p0"], long["test.p0"]} {
			var got []string
			for _, p := range s.Points {
				got = append(got, fmt.Sprintf("%s %v/%v/%v", p.Time.Format("15"), *p.Avg, *p.Min, *p.Max))
			}
			if want := []string{"00 5/0/10", "03 8/3/13", "05 10/5/15"}; !slices.Equal(got, want) {
				t.Errorf("%s..%s: points %q, want %q", s.From, s.To, got, want)
			}
		}
	})
}
