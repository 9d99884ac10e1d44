package doctor

import (
	"context"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/internal/schema"
)

// tier is one rollup and how far behind the raw results it may fall: the
// refresh policy's end offset plus its schedule plus a bucket (see
// sql/migrations/012_retention.sql).
type tier struct {
	view    string
	bucket  time.Duration
	allowed time.Duration
	// endOffset is the newest span a refresh leaves to real-time reads.
	endOffset time.Duration
}

var tiers = []tier{
	{view: "results_hourly", bucket: time.Hour, endOffset: time.Hour, allowed: 3 * time.Hour},
	{view: "results_daily", bucket: 24 * time.Hour, endOffset: 24 * time.Hour, allowed: 50 * time.Hour},
}

// The materialisation watermark of a continuous aggregate: everything
// before it is stored, everything after it is computed at read time.
const watermarkSQL = `
SELECT _timescaledb_functions.to_timestamp(_timescaledb_functions.cagg_watermark(mat_hypertable_id))
FROM _timescaledb_catalog.continuous_agg WHERE user_view_name = $1`

// rollups reports a rollup tier whose stored buckets lag the raw results:
// in timescale mode the refresh policy stopped (reads still work, but
// get slower every hour); in plain mode the ingest trigger did not run.
func (d *Doctor) rollups(ctx context.Context) []Finding {
	var oldest, newest *time.Time
	if err := d.DB.QueryRow(ctx, `SELECT min(time), max(time) FROM results`).Scan(&oldest, &newest); err != nil {
		return finding("rollups", Fail, err.Error())
	}
	if newest == nil {
		return finding("rollups", OK, "no results yet")
	}
	st, err := d.mode(ctx)
	if err != nil {
		return finding("rollups", Fail, err.Error())
	}
	var out []Finding
	for _, t := range tiers {
		var stored time.Time
		q, due := `SELECT coalesce(max(bucket), '-infinity') FROM `+t.view, newest.Truncate(t.bucket)
		allowed := t.bucket
		if st.Mode == schema.ModeTimescale {
			q, allowed = watermarkSQL, t.allowed
			due = minTime(*newest, d.Now().Add(-t.endOffset))
		}
		var args []any
		if st.Mode == schema.ModeTimescale {
			args = []any{t.view}
		}
		if err := d.DB.QueryRow(ctx, q, args...).Scan(&stored); err != nil {
			out = append(out, Finding{Check: "rollups", Status: Warn, Message: fmt.Sprintf("%s: read progress: %v", t.view, err)})
			continue
		}
		switch lag := due.Sub(stored); {
		case due.Sub(*oldest) < allowed:
			out = append(out, Finding{Check: "rollups", Status: OK, Message: t.view + ": nothing due yet"})
		case lag > allowed:
			out = append(out, Finding{Check: "rollups", Status: Warn,
				Message: fmt.Sprintf("%s: stored buckets lag the raw results by %s (allowed %s)", t.view, ago(lag), ago(allowed))})
		default:
			out = append(out, Finding{Check: "rollups", Status: OK, Message: t.view + ": up to date"})
		}
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
