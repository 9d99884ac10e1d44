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
