package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// AuditEntry records who changed which configuration, and how. Before and
// After are JSON-serialisable snapshots (nil for creations and deletions);
// the caller leaves secrets out of them.
type AuditEntry struct {
	ID         int64          `db:"id"`
	Time       time.Time      `db:"time"`
	UserID     *int64         `db:"user_id"`
	Actor      string         `db:"actor"`       // username, "cli" or "token:<name>"
	Action     string         `db:"action"`      // create, update, delete, setup, password...
	EntityType string         `db:"entity_type"` // host, host_group, user...
	EntityID   string         `db:"entity_id"`
	Before     map[string]any `db:"before"`
	After      map[string]any `db:"after"`
}

// Name is the entity's name from the snapshots, for listings.
func (e AuditEntry) Name() string {
	for _, m := range []map[string]any{e.After, e.Before} {
		for _, k := range []string{"name", "username"} {
			if s, ok := m[k].(string); ok {
				return s
			}
		}
	}
	return ""
}

// Audit appends an entry; run it in the transaction of the change it records.
func Audit(ctx context.Context, db DBTX, e AuditEntry) error {
	const q = `INSERT INTO audit_log (user_id, actor, action, entity_type, entity_id, before, after)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`
	_, err := db.Exec(ctx, q, e.UserID, e.Actor, e.Action, e.EntityType, e.EntityID, e.Before, e.After)
	if err != nil {
		return fmt.Errorf("storage: audit %s %s: %w", e.Action, e.EntityType, mapErr(err))
	}
	return nil
}

// ListAudit returns the newest entries first, filtered by a search over
// actor, action, entity type and the snapshots' text.
func ListAudit(ctx context.Context, db DBTX, search string, limit int) ([]AuditEntry, error) {
	const q = `SELECT id, time, user_id, actor, action, entity_type, entity_id, before, after FROM audit_log
		WHERE $1 = '' OR actor ILIKE '%' || $1 || '%' OR action ILIKE '%' || $1 || '%'
			OR entity_type ILIKE '%' || $1 || '%' OR after::text ILIKE '%' || $1 || '%'
			OR before::text ILIKE '%' || $1 || '%'
		ORDER BY time DESC, id DESC LIMIT $2`
	rows, _ := db.Query(ctx, q, escapeLike(search), limit)
	entries, err := pgx.CollectRows(rows, pgx.RowToStructByName[AuditEntry])
	if err != nil {
		return nil, fmt.Errorf("storage: list audit log: %w", mapErr(err))
	}
	return entries, nil
}
