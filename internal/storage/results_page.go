package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ResultRow is one stored result as the REST API lists it.
type ResultRow struct {
	Time           time.Time `db:"time"`
	HostID         int64     `db:"host_id"`
	PluginID       string    `db:"plugin_id"`
	CheckID        *int64    `db:"check_id"`
	Value          *float64  `db:"value"`
	Message        string    `db:"message"`
	Status         string    `db:"status"`
	Classification string    `db:"classification"`
	Reason         string    `db:"reason"`
}

// ResultPos is a position in the newest-first order of a host's results,
// the keyset cursor of the next page: time, then plugin, then check (0 for
// pushed results).
type ResultPos struct {
	Time     time.Time `json:"t"`
	PluginID string    `json:"p"`
	CheckID  int64     `json:"c"`
}

// ResultFilter selects a host's results in [From, To), optionally of one
// plugin, starting after After (nil: the newest).
type ResultFilter struct {
	HostID   int64
	PluginID string
	From, To time.Time
	After    *ResultPos
	Limit    int
}

const resultsPageSQL = `SELECT time, host_id, plugin_id, check_id, value, message, status, classification, reason
	FROM results
	WHERE host_id = $1 AND ($2 = '' OR plugin_id = $2) AND time >= $3 AND time < $4
		AND (NOT $5 OR (time, plugin_id, coalesce(check_id, 0)) < ($6, $7, $8))
	ORDER BY time DESC, plugin_id DESC, coalesce(check_id, 0) DESC
	LIMIT $9`

// ResultsPage returns up to f.Limit results newest first; the keyset
// cursor keeps pages stable while new results arrive.
func ResultsPage(ctx context.Context, db DBTX, f ResultFilter) ([]ResultRow, error) {
	var after ResultPos
	if f.After != nil {
		after = *f.After
	}
	rows, _ := db.Query(ctx, resultsPageSQL, f.HostID, f.PluginID, f.From, f.To, f.After != nil,
		after.Time, after.PluginID, after.CheckID, f.Limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[ResultRow])
	if err != nil {
		return nil, fmt.Errorf("storage: results of host %d: %w", f.HostID, mapErr(err))
	}
	return out, nil
}
