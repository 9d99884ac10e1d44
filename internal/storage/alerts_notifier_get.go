package storage

import (
	"context"
	"fmt"
)

// GetNotifier returns one notifier for its edit form: the summary and the
// sealed secrets (nil when none), which the form merges with the fields a
// user re-enters so a blank secret field keeps what is stored.
func GetNotifier(ctx context.Context, db DBTX, id int64) (NotifierSummary, []byte, error) {
	const q = `SELECT name, kind, settings, secrets_encrypted IS NOT NULL, enabled, secrets_encrypted
		FROM notifiers WHERE id = $1`
	n := NotifierSummary{ID: id}
	var sealed []byte
	err := db.QueryRow(ctx, q, id).Scan(&n.Name, &n.Kind, &n.Settings, &n.HasSecrets, &n.Enabled, &sealed)
	if err != nil {
		return NotifierSummary{}, nil, fmt.Errorf("storage: get notifier %d: %w", id, mapErr(err))
	}
	return n, sealed, nil
}
