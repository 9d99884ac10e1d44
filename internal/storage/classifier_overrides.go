package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// CheckClassifier is one check that runs a plugin, with its classifier
// override if it has one (Depth 0 and empty Code when it uses the
// plugin's default).
type CheckClassifier struct {
	CheckID   int64  `db:"check_id"`
	CheckName string `db:"check_name"`
	Code      string `db:"code"`
	Depth     int    `db:"history_depth"`
}

// Overridden reports whether the check has its own classifier.
func (c CheckClassifier) Overridden() bool { return c.Depth > 0 }

const checkClassifiersSQL = `SELECT c.id AS check_id, c.name AS check_name, coalesce(k.code, '') AS code,
		coalesce(k.history_depth, 0) AS history_depth
	FROM check_plugins cp JOIN checks c ON c.id = cp.check_id
	LEFT JOIN classifiers k ON k.plugin_id = cp.plugin_id AND k.check_id = cp.check_id
	WHERE cp.plugin_id = $1 AND ($2::bigint = 0 OR c.id = $2)
	ORDER BY lower(c.name), c.id`

// CheckClassifiers lists the checks that run a plugin with their
// overrides: every check (checkID 0) or the one with checkID.
func CheckClassifiers(ctx context.Context, db DBTX, pluginID string, checkID int64) ([]CheckClassifier, error) {
	rows, _ := db.Query(ctx, checkClassifiersSQL, pluginID, checkID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[CheckClassifier])
	if err != nil {
		return nil, fmt.Errorf("storage: check classifiers of %s: %w", pluginID, mapErr(err))
	}
	return out, nil
}

// SaveCheckClassifier sets a check's override of a plugin's classifier,
// bumping its version so cached compiled copies are refreshed.
func SaveCheckClassifier(ctx context.Context, db DBTX, pluginID string, checkID int64, code string, depth int, by *int64) error {
	_, err := db.Exec(ctx, `INSERT INTO classifiers (plugin_id, check_id, code, history_depth, updated_by)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (plugin_id, check_id) DO UPDATE SET code = excluded.code, history_depth = excluded.history_depth,
			updated_by = excluded.updated_by, version = classifiers.version + 1, updated_at = now()`,
		pluginID, checkID, code, depth, by)
	if err != nil {
		return fmt.Errorf("storage: save classifier of %s for check %d: %w", pluginID, checkID, mapErr(err))
	}
	return nil
}

// DeleteCheckClassifier removes a check's override; the check falls back
// to the plugin's default classifier.
func DeleteCheckClassifier(ctx context.Context, db DBTX, pluginID string, checkID int64) error {
	err := execOne(ctx, db, `DELETE FROM classifiers WHERE plugin_id = $1 AND check_id = $2`, pluginID, checkID)
	if err != nil {
		return fmt.Errorf("storage: delete classifier of %s for check %d: %w", pluginID, checkID, err)
	}
	return nil
}
