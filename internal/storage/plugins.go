package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Plugin is a plugin as the configuration pages list it.
type Plugin struct {
	ID            string `db:"id"`
	Name          string `db:"name"`
	Description   string `db:"description"`
	ActiveVersion string `db:"active_version"`
	Versions      int    `db:"versions"`
}

// PluginVersion is one uploaded archive of a plugin.
type PluginVersion struct {
	Version    string    `db:"version"`
	SHA256     string    `db:"sha256"` // hex
	Size       int       `db:"size"`
	UploadedAt time.Time `db:"uploaded_at"`
	UploadedBy string    `db:"uploaded_by"`
}

// NewPluginVersion is a validated upload: the archive, its digest, the
// manifest as JSON and the default classifier it carries.
type NewPluginVersion struct {
	ID, Name, Description, Version string
	Archive                        []byte
	SHA256                         string // hex
	Manifest                       []byte // JSON object
	Classifier                     string
	History                        int
	UploadedBy                     *int64
}

// ListPlugins returns plugins whose id, name or description contains search.
func ListPlugins(ctx context.Context, db DBTX, search string) ([]Plugin, error) {
	const q = `SELECT p.id, p.name, p.description, coalesce(p.active_version, '') AS active_version,
			(SELECT count(*) FROM plugin_versions v WHERE v.plugin_id = p.id)::int AS versions
		FROM plugins p
		WHERE $1 = '' OR p.id ILIKE '%' || $1 || '%' OR p.name ILIKE '%' || $1 || '%' OR p.description ILIKE '%' || $1 || '%'
		ORDER BY p.id`
	rows, _ := db.Query(ctx, q, escapeLike(search))
	plugins, err := pgx.CollectRows(rows, pgx.RowToStructByName[Plugin])
	if err != nil {
		return nil, fmt.Errorf("storage: list plugins: %w", mapErr(err))
	}
	return plugins, nil
}

// PluginByID loads one plugin with its versions, newest upload first.
func PluginByID(ctx context.Context, db DBTX, id string) (Plugin, []PluginVersion, error) {
	var p Plugin
	err := db.QueryRow(ctx, `SELECT id, name, description, coalesce(active_version, '') FROM plugins WHERE id = $1`, id).
		Scan(&p.ID, &p.Name, &p.Description, &p.ActiveVersion)
	if err != nil {
		return Plugin{}, nil, fmt.Errorf("storage: load plugin %q: %w", id, mapErr(err))
	}
	rows, _ := db.Query(ctx, `SELECT v.version, encode(v.sha256, 'hex') AS sha256, octet_length(v.archive) AS size,
			v.uploaded_at, coalesce(u.username, '') AS uploaded_by
		FROM plugin_versions v LEFT JOIN users u ON u.id = v.uploaded_by
		WHERE v.plugin_id = $1 ORDER BY v.uploaded_at DESC, v.version DESC`, id)
	versions, err := pgx.CollectRows(rows, pgx.RowToStructByName[PluginVersion])
	if err != nil {
		return Plugin{}, nil, fmt.Errorf("storage: plugin %q versions: %w", id, mapErr(err))
	}
	p.Versions = len(versions)
	return p, versions, nil
}
