package query_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/schema"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// month is 30 days of 1-minute data ending at monthEnd: host h's series
// have value = minute of the hour + 10(h-1), so each hourly bucket of host
// 1 has avg 29.5, min 0, max 59 and 60 values.
var (
	monthEnd   = time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	monthStart = monthEnd.Add(-30 * 24 * time.Hour)
	// incident is when host 1's series was critical.
	incidentFrom = monthStart.Add(10*24*time.Hour + 12*time.Hour)
	incidentTo   = incidentFrom.Add(2 * time.Hour)
)

// seedMonth writes 30 days of 1-minute results for hosts 1..hosts and
// plugins test.p0..test.p(plugins-1) with COPY, host 1's state changes, and
// refreshes the rollups as a running system's policies would have.
func seedMonth(tb testing.TB, db *pgxpool.Pool, hosts, plugins int) {
	tb.Helper()
	ctx := context.Background()
	const perCopy = 50_000
	var batch []storage.Result
	for h := range hosts {
		if _, err := db.Exec(ctx, `INSERT INTO hosts (name, address) VALUES ($1, 'x')`, fmt.Sprintf("host-%d", h+1)); err != nil {
			tb.Fatal(err)
		}
	}
	flush := func() {
		if _, err := storage.CopyResults(ctx, db, batch); err != nil {
			tb.Fatal(err)
		}
		batch = batch[:0]
	}
	for h := int64(1); h <= int64(hosts); h++ {
		for p := range plugins {
			for t := monthStart; t.Before(monthEnd); t = t.Add(time.Minute) {
				v := float64(t.Minute()) + float64(10*(h-1))
				cls := state.OK
				if h == 1 && !t.Before(incidentFrom) && t.Before(incidentTo) {
					cls = state.Critical
				}
				batch = append(batch, storage.Result{Time: t, HostID: h, PluginID: pluginName(p), CheckID: 1,
					Value: &v, Status: "ok", Classification: cls})
				if len(batch) == perCopy {
					flush()
				}
			}
		}
	}
	flush()
	changes := []storage.StateChange{
		{Series: storage.Series{HostID: 1, PluginID: "test.p0", CheckID: 1}, Time: monthStart, From: state.NoData, To: state.OK},
		{Series: storage.Series{HostID: 1, PluginID: "test.p0", CheckID: 1}, Time: incidentFrom, From: state.OK, To: state.Critical},
		{Series: storage.Series{HostID: 1, PluginID: "test.p0", CheckID: 1}, Time: incidentTo, From: state.Critical, To: state.OK},
	}
	if err := storage.CopyStateChanges(ctx, db, changes); err != nil {
		tb.Fatal(err)
	}
	refreshLikePolicies(tb, db)
}

// refreshLikePolicies materializes the rollups the way migration 012's
// policies leave them on a running system whose clock reads monthEnd, at
// their stalest: hourly buckets up to 2 hours before it (end_offset 1 h,
// run every 30 min), daily up to 2 days before (end_offset 1 day, hourly
// runs). Newer buckets are computed from raw results at query time by the
// real-time aggregates, so reads cross the watermark as they do in
// production. Plain mode's rollups are always current (a trigger).
func refreshLikePolicies(tb testing.TB, db *pgxpool.Pool) {
	tb.Helper()
	ctx := context.Background()
	if err := schema.RefreshRollups(ctx, db, monthStart, monthEnd.Add(-48*time.Hour)); err != nil {
		tb.Fatal(err)
	}
	var timescale bool
	if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'timescaledb')`).Scan(&timescale); err != nil {
		tb.Fatal(err)
	}
	if !timescale {
		return
	}
	_, err := db.Exec(ctx, `CALL refresh_continuous_aggregate('results_hourly', $1::timestamptz, $2::timestamptz)`,
		monthEnd.Add(-48*time.Hour), monthEnd.Add(-2*time.Hour))
	if err != nil {
		tb.Fatal(err)
	}
}

func pluginName(i int) string { return fmt.Sprintf("test.p%d", i) }
