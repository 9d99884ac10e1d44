package storage

import (
	"context"
	"fmt"
)

// SavePluginVersion stores an upload in one transaction (tx): the plugin row
// (created, or name and description refreshed), the version (a version
// uploaded twice is ErrDuplicate), the version made active, and the
// archive's classifier as the plugin's default when it has none yet, so an
// admin's edited classifier is never overwritten by an upload.
func SavePluginVersion(ctx context.Context, tx DBTX, v NewPluginVersion) error {
	steps := []struct {
		q    string
		args []any
	}{
		{`INSERT INTO plugins (id, name, description) VALUES ($1, $2, $3)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description`,
			[]any{v.ID, v.Name, v.Description}},
		{`INSERT INTO plugin_versions (plugin_id, version, archive, sha256, manifest, uploaded_by)
			VALUES ($1, $2, $3, decode($4, 'hex'), $5::jsonb, $6)`,
			[]any{v.ID, v.Version, v.Archive, v.SHA256, string(v.Manifest), v.UploadedBy}},
		{`UPDATE plugins SET active_version = $2 WHERE id = $1`, []any{v.ID, v.Version}},
		{`INSERT INTO classifiers (plugin_id, check_id, code, history_depth, updated_by)
			VALUES ($1, NULL, $2, greatest($3, 1), $4) ON CONFLICT (plugin_id, check_id) DO NOTHING`,
			[]any{v.ID, v.Classifier, v.History, v.UploadedBy}},
	}
	for _, st := range steps {
		if _, err := tx.Exec(ctx, st.q, st.args...); err != nil {
			return fmt.Errorf("storage: save plugin %s %s: %w", v.ID, v.Version, mapErr(err))
		}
	}
	return nil
}

// SetActivePluginVersion chooses the version pushed to agents; an older one
// is allowed (downgrade).
func SetActivePluginVersion(ctx context.Context, db DBTX, id, version string) error {
	return execOne(ctx, db, `UPDATE plugins SET active_version = $2 WHERE id = $1
		AND EXISTS (SELECT 1 FROM plugin_versions WHERE plugin_id = $1 AND version = $2)`, id, version)
}

// DeletePlugin removes a plugin with its versions, classifiers and check links.
func DeletePlugin(ctx context.Context, db DBTX, id string) error {
	return execOne(ctx, db, `DELETE FROM plugins WHERE id = $1`, id)
}

// DefaultClassifier returns a plugin's default Lua classifier and history
// depth (ErrNotFound when it has none).
func DefaultClassifier(ctx context.Context, db DBTX, pluginID string) (code string, depth int, err error) {
	err = db.QueryRow(ctx, `SELECT code, history_depth FROM classifiers WHERE plugin_id = $1 AND check_id IS NULL`,
		pluginID).Scan(&code, &depth)
	if err != nil {
		return "", 0, fmt.Errorf("storage: default classifier of %s: %w", pluginID, mapErr(err))
	}
	return code, depth, nil
}

// SaveDefaultClassifier replaces a plugin's default classifier and bumps its
// version, so compiled copies cached by the ingest path are refreshed.
func SaveDefaultClassifier(ctx context.Context, db DBTX, pluginID, code string, depth int, by *int64) error {
	_, err := db.Exec(ctx, `INSERT INTO classifiers (plugin_id, check_id, code, history_depth, updated_by)
		VALUES ($1, NULL, $2, $3, $4)
		ON CONFLICT (plugin_id, check_id) DO UPDATE SET code = excluded.code, history_depth = excluded.history_depth,
			updated_by = excluded.updated_by, version = classifiers.version + 1, updated_at = now()`,
		pluginID, code, depth, by)
	if err != nil {
		return fmt.Errorf("storage: save classifier of %s: %w", pluginID, mapErr(err))
	}
	return nil
}
