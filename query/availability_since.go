package query

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// HealthSince returns, for every host (kind "host") or service (kind
// "service") with a health log, when its current health began: the time of
// its latest health change.
func HealthSince(ctx context.Context, db Querier, kind string) (map[int64]time.Time, error) {
	col, ok := subjectColumns[kind]
	if !ok {
		return nil, fmt.Errorf("query: health since of unknown subject kind %q", kind)
	}
	rows, _ := db.Query(ctx, `SELECT DISTINCT ON (`+col+`) `+col+`, time FROM health_changes
		WHERE `+col+` IS NOT NULL ORDER BY `+col+`, time DESC`)
	out := map[int64]time.Time{}
	var id int64
	var t time.Time
	if _, err := pgx.ForEachRow(rows, []any{&id, &t}, func() error { out[id] = t; return nil }); err != nil {
		return nil, fmt.Errorf("query: %s health since: %w", kind, err)
	}
	return out, nil
}
