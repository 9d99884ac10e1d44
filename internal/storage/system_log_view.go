package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// SystemLogRow is a system log entry as the web app lists it, with the id
// and read flag that marking entries as read needs.
type SystemLogRow struct {
	ID       int64          `db:"id"`
	Time     time.Time      `db:"time"`
	Category string         `db:"category"`
	Severity string         `db:"severity"`
	Message  string         `db:"message"`
	Details  map[string]any `db:"details"`
	Read     bool           `db:"read"`
}

// ListSystemLog returns up to limit entries, newest first, filtered by
// category and severity (empty = any) and, when unreadOnly, unread ones.
func ListSystemLog(ctx context.Context, db DBTX, category, severity string, unreadOnly bool, limit int) ([]SystemLogRow, error) {
	const q = `SELECT id, time, category, severity, message, details, read FROM system_log
		WHERE ($1 = '' OR category = $1) AND ($2 = '' OR severity = $2) AND (NOT $3 OR NOT read)
		ORDER BY time DESC, id DESC LIMIT $4`
	rows, _ := db.Query(ctx, q, category, severity, unreadOnly, limit)
	entries, err := pgx.CollectRows(rows, pgx.RowToStructByName[SystemLogRow])
	if err != nil {
		return nil, fmt.Errorf("storage: list system log: %w", mapErr(err))
	}
	return entries, nil
}

// SystemLogCategories lists the categories present, for the filter menu.
func SystemLogCategories(ctx context.Context, db DBTX) ([]string, error) {
	rows, _ := db.Query(ctx, `SELECT DISTINCT category FROM system_log ORDER BY category`)
	cats, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("storage: system log categories: %w", mapErr(err))
	}
	return cats, nil
}

// CountUnreadSystemLog counts unread entries up to max (the menu shows
// "max+" beyond), so the count stays cheap however much is unread.
func CountUnreadSystemLog(ctx context.Context, db DBTX, max int) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM system_log WHERE NOT read LIMIT $1) s`, max).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: count unread system log: %w", mapErr(err))
	}
	return n, nil
}

// MarkSystemLogRead marks entries up to and including id as read, so
// entries that arrive while the page is open stay unread.
func MarkSystemLogRead(ctx context.Context, db DBTX, upToID int64) (int64, error) {
	tag, err := db.Exec(ctx, `UPDATE system_log SET read = true WHERE id <= $1 AND NOT read`, upToID)
	if err != nil {
		return 0, fmt.Errorf("storage: mark system log read: %w", mapErr(err))
	}
	return tag.RowsAffected(), nil
}
