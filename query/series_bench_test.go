package query_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/query"
)

// rawHourlySQL computes the hourly series from raw results, which is what
// the host page would cost without rollups.
const rawHourlySQL = `SELECT date_trunc('hour', time), avg(value), min(value), max(value)
	FROM results WHERE host_id = $1 AND plugin_id = $2 AND time >= $3 AND time < $4
	GROUP BY 1 ORDER BY 1`

// BenchmarkHostPageSeries reads what the host page reads for 30 days of
// 10 plugins at 1-minute resolution: 10 hourly series from the rollup, vs
// the same series aggregated from 432,000 raw rows.
func BenchmarkHostPageSeries(b *testing.B) {
	for _, mode := range []struct {
		name string
		open func(testing.TB) *pgxpool.Pool
	}{{"plain", pgtest.Plain}, {"timescale", pgtest.Timescale}} {
		b.Run(mode.name, func(b *testing.B) {
			db := mode.open(b)
			seedMonth(b, db, 1, 10)
			if _, err := db.Exec(context.Background(), `VACUUM ANALYZE`); err != nil {
				b.Fatal(err)
			}
			b.Run("rollup", func(b *testing.B) {
				for b.Loop() {
					for p := range 10 {
						s, err := query.LoadSeries(context.Background(), db, query.SeriesKey{HostID: 1, PluginID: pluginName(p)}, monthStart, monthEnd, "")
						if err != nil || len(s.Points) != 720 {
							b.Fatalf("%d points, %v", len(s.Points), err)
						}
					}
				}
			})
			b.Run("raw", func(b *testing.B) {
				for b.Loop() {
					for p := range 10 {
						rows, _ := db.Query(context.Background(), rawHourlySQL, 1, pluginName(p), monthStart, monthEnd)
						n := 0
						for rows.Next() {
							n++
						}
						if rows.Err() != nil || n != 720 {
							b.Fatal(fmt.Sprint(n, rows.Err()))
						}
					}
				}
			})
		})
	}
}
