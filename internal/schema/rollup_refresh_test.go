package schema_test

import (
	"context"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/schema"
)

func TestRefreshRollupsMakesBackfilledHistoryVisible(t *testing.T) {
	eachMode(t, func(t *testing.T, conn db) {
		seedConfig(t, conn)
		now := time.Now().UTC()
		from := now.Add(-20 * 24 * time.Hour)
		insert(t, conn, batch(now.Add(-48*time.Hour), time.Hour, 40, 1)) // live data
		insert(t, conn, batch(from, 17*time.Minute, 500, 0))             // backfill
		if count(t, conn, `SELECT count(*) FROM prophasis_meta WHERE storage_mode = 'timescale'`) == 1 {
			runJobs(t, conn, "policy_refresh_continuous_aggregate")
			if rollupMismatches(t, conn, "results_hourly", "hour") == 0 {
				t.Fatal("the refresh policy materialised history older than its window; RefreshRollups would be pointless")
			}
		}
		if err := schema.RefreshRollups(context.Background(), conn, from, from.Add(500*17*time.Minute)); err != nil {
			t.Fatal(err)
		}
		for _, r := range []struct{ rollup, width string }{{"results_hourly", "hour"}, {"results_daily", "day"}} {
			if n := rollupMismatches(t, conn, r.rollup, r.width); n != 0 {
				t.Errorf("%s differs from raw in %d rows after RefreshRollups", r.rollup, n)
			}
		}
	})
}
