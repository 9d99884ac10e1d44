package schema

import (
	"context"
	"fmt"
	"time"
)

// pruneBatch bounds each DELETE so retention never holds long locks or
// builds one huge transaction on a busy plain-mode database.
const pruneBatch = 10000

// Deleted counts the rows ApplyRetention removed per tier.
type Deleted struct {
	Raw, Hourly, Daily int64
}

// ApplyRetention deletes, in plain mode, results older than now-p.Raw and
// rollup buckets wholly older than now-p.Hourly / now-p.Daily, in batches. In
// timescale mode the retention policies do this, and it deletes nothing.
// The core calls it periodically with LoadRetention's settings.
func ApplyRetention(ctx context.Context, db DBTX, now time.Time, p Retention) (Deleted, error) {
	var d Deleted
	if err := p.Validate(); err != nil {
		return d, err
	}
	mode, err := modeOf(ctx, db)
	if err != nil || mode == ModeTimescale {
		return d, err
	}
	counts := []*int64{&d.Raw, &d.Hourly, &d.Daily}
	for i, t := range tiers() {
		n, err := prune(ctx, db, t, now.Add(-t.keep(p)-t.width))
		*counts[i] = n
		if err != nil {
			return d, err
		}
	}
	return d, nil
}

// prune deletes the rows of one tier older than cutoff, a batch at a time.
func prune(ctx context.Context, db DBTX, t tier, cutoff time.Time) (int64, error) {
	q := `DELETE FROM ` + t.relation + ` WHERE ctid = ANY (ARRAY(
		SELECT ctid FROM ` + t.relation + ` WHERE ` + t.column + ` < $1 LIMIT $2))`
	var total int64
	for {
		tag, err := db.Exec(ctx, q, cutoff, pruneBatch)
		if err != nil {
			return total, fmt.Errorf("schema: prune %s: %w", t.relation, err)
		}
		total += tag.RowsAffected()
		if tag.RowsAffected() < pruneBatch {
			return total, nil
		}
	}
}
