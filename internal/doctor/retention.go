package doctor

import (
	"context"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/internal/schema"
)

// retentionSlack is how far past the limit the oldest raw row may be:
// TimescaleDB drops whole 1-day chunks from a daily job, the core deletes
// in periodic passes.
const retentionSlack = 2 * 24 * time.Hour

// retention compares the oldest raw result with the configured limit: rows
// far older than it mean the retention policy or the core's deletion
// stopped, and the disk fills.
func (d *Doctor) retention(ctx context.Context) []Finding {
	r, err := schema.LoadRetention(ctx, d.DB)
	if err != nil {
		return finding("retention", Fail, err.Error())
	}
	var oldest *time.Time
	if err := d.DB.QueryRow(ctx, `SELECT min(time) FROM results`).Scan(&oldest); err != nil {
		return finding("retention", Fail, err.Error())
	}
	limit := d.Now().Add(-r.Raw)
	switch {
	case oldest == nil:
		return finding("retention", OK, fmt.Sprintf("raw results kept %s; none stored yet", ago(r.Raw)))
	case oldest.Before(limit.Add(-retentionSlack)):
		return finding("retention", Fail, fmt.Sprintf("oldest raw result is %s past the %s limit: retention is not running",
			ago(limit.Sub(*oldest)), ago(r.Raw)))
	}
	return finding("retention", OK, fmt.Sprintf("raw results kept %s; oldest is %s old", ago(r.Raw), ago(d.Now().Sub(*oldest))))
}
