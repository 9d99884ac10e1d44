package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Severities of system log entries.
const (
	LogDebug   = "debug"
	LogInfo    = "info"
	LogWarning = "warning"
	LogError   = "error"
)

// LogEntry is one problem Prophasis noticed in itself. Category names the
// component (ingest, classify, sched, ...); Details carries the context an
// admin needs to act, and must never hold secrets.
type LogEntry struct {
	Time     time.Time      `db:"time"`
	Category string         `db:"category"`
	Severity string         `db:"severity"`
	Message  string         `db:"message"`
	Details  map[string]any `db:"details"`
}

var logColumns = []string{"time", "category", "severity", "message", "details"}

// AppendSystemLog writes entries to the system log in one COPY. A zero Time
// is the time of the call.
func AppendSystemLog(ctx context.Context, db DBTX, entries ...LogEntry) error {
	now := time.Now()
	_, err := db.CopyFrom(ctx, pgx.Identifier{"system_log"}, logColumns, pgx.CopyFromSlice(len(entries), func(i int) ([]any, error) {
		e := entries[i]
		if e.Time.IsZero() {
			e.Time = now
		}
		details := e.Details
		if details == nil {
			details = map[string]any{}
		}
		b, err := json.Marshal(details)
		if err != nil {
			return nil, fmt.Errorf("details of %q: %w", e.Message, err)
		}
		return []any{e.Time, e.Category, e.Severity, e.Message, string(b)}, nil
	}))
	if err != nil {
		return fmt.Errorf("storage: append %d system log entries: %w", len(entries), mapErr(err))
	}
	return nil
}

// RecentSystemLog returns up to limit entries of category (all when empty),
// newest first.
func RecentSystemLog(ctx context.Context, db DBTX, category string, limit int) ([]LogEntry, error) {
	const q = `SELECT time, category, severity, message, details FROM system_log
		WHERE $1 = '' OR category = $1 ORDER BY time DESC, id DESC LIMIT $2`
	rows, _ := db.Query(ctx, q, category, limit)
	entries, err := pgx.CollectRows(rows, pgx.RowToStructByName[LogEntry])
	if err != nil {
		return nil, fmt.Errorf("storage: read system log: %w", mapErr(err))
	}
	return entries, nil
}
