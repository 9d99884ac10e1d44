package schema

import (
	"context"
	"fmt"
	"time"
)

// RefreshRollups brings results_hourly and results_daily up to date over
// [from, to) after a backfill. Plain mode needs nothing (triggers merge every
// insert). In timescale mode the refresh policies only look back 7 days
// (hourly) and 30 days (daily), so rows written further back, such as
// imported or generated history, stay invisible in the rollups until this is
// called. db must not be inside a transaction: TimescaleDB refuses to
// refresh in one.
func RefreshRollups(ctx context.Context, db DBTX, from, to time.Time) error {
	mode, err := modeOf(ctx, db)
	if err != nil || mode != ModeTimescale {
		return err
	}
	start := from.UTC().Truncate(day)
	end := to.UTC().Add(day - time.Nanosecond).Truncate(day)
	for _, view := range []string{"results_hourly", "results_daily"} {
		_, err := db.Exec(ctx, `CALL refresh_continuous_aggregate($1::regclass, $2::timestamptz, $3::timestamptz)`, view, start, end)
		if err != nil {
			return fmt.Errorf("schema: refresh %s: %w", view, err)
		}
	}
	return nil
}
