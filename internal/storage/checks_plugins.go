package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/sched"
)

// The plugin's run timeout comes from the manifest of its active version.
const checkPluginsSQL = `
SELECT cp.check_id, cp.plugin_id, cp.arguments,
       coalesce((pv.manifest ->> 'timeout_seconds')::float8, 0) AS timeout_seconds
FROM check_plugins cp
JOIN plugins p ON p.id = cp.plugin_id
LEFT JOIN plugin_versions pv ON pv.plugin_id = p.id AND pv.version = p.active_version
WHERE cp.check_id = ANY($1)
ORDER BY cp.check_id, cp.plugin_id`

type checkPluginRow struct {
	CheckID        int64           `db:"check_id"`
	PluginID       string          `db:"plugin_id"`
	Arguments      json.RawMessage `db:"arguments"`
	TimeoutSeconds float64         `db:"timeout_seconds"`
}

func loadCheckPlugins(ctx context.Context, db DBTX, e sched.Expansion, checkIDs []int64) error {
	rows, err := db.Query(ctx, checkPluginsSQL, checkIDs)
	if err != nil {
		return fmt.Errorf("load check plugins: %w", mapErr(err))
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[checkPluginRow])
	if err != nil {
		return fmt.Errorf("load check plugins: %w", mapErr(err))
	}
	for _, r := range list {
		args, err := argStrings(r.Arguments)
		if err != nil {
			return fmt.Errorf("check %d plugin %s: %w", r.CheckID, r.PluginID, err)
		}
		c := e.Checks[r.CheckID]
		c.Plugins = append(c.Plugins, sched.CheckPlugin{PluginID: r.PluginID, Args: args,
			Timeout: pluginTimeout(r.TimeoutSeconds)})
		e.Checks[r.CheckID] = c
	}
	return nil
}

// argStrings flattens a check's arguments object to strings, the form
// plugins receive them in: strings as they are, anything else as JSON.
func argStrings(raw json.RawMessage) (map[string]string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, fmt.Errorf("arguments: %w", err)
	}
	if len(obj) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(obj))
	for k, v := range obj {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = s
		} else {
			out[k] = string(v)
		}
	}
	return out, nil
}

func pluginTimeout(s float64) time.Duration {
	if s <= 0 || math.IsNaN(s) || s > 24*3600 {
		return 0
	}
	return time.Duration(s * float64(time.Second))
}

// The version hosts should run is the plugin's active one.
const checkPluginDigestSQL = `
SELECT encode(pv.sha256, 'hex')
FROM plugins p JOIN plugin_versions pv ON pv.plugin_id = p.id AND pv.version = p.active_version
WHERE p.id = $1`

// CheckPluginDigest returns the hex SHA-256 of the archive agents should
// have for pluginID, or ErrNotFound when it has no active version.
func CheckPluginDigest(ctx context.Context, db DBTX, pluginID string) (string, error) {
	var sha string
	if err := db.QueryRow(ctx, checkPluginDigestSQL, pluginID).Scan(&sha); err != nil {
		return "", fmt.Errorf("plugin %s digest: %w", pluginID, mapErr(err))
	}
	return sha, nil
}

const checkPluginArchiveSQL = `
SELECT archive FROM plugin_versions WHERE plugin_id = $1 AND sha256 = decode($2, 'hex')`

// CheckPluginArchive returns the archive with the given digest; it is read
// only when an agent lacks that version, since archives can be large.
func CheckPluginArchive(ctx context.Context, db DBTX, pluginID, sha256 string) ([]byte, error) {
	var archive []byte
	if err := db.QueryRow(ctx, checkPluginArchiveSQL, pluginID, sha256).Scan(&archive); err != nil {
		return nil, fmt.Errorf("plugin %s archive: %w", pluginID, mapErr(err))
	}
	return archive, nil
}

// BuiltinPlugin is a plugin the core provides itself (the server-side
// checks): it has no archive, only a row and a default classifier.
type BuiltinPlugin struct {
	ID, Name, Description string
	Classifier            string
}

const ensureBuiltinPluginSQL = `
INSERT INTO plugins (id, name, description) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`

const ensureBuiltinClassifierSQL = `
INSERT INTO classifiers (plugin_id, check_id, code) VALUES ($1, NULL, $2)
ON CONFLICT (plugin_id, check_id) DO NOTHING`

// EnsureBuiltinPlugin creates p and its default classifier when missing;
// an existing row or a classifier an admin edited is left alone.
func EnsureBuiltinPlugin(ctx context.Context, db DBTX, p BuiltinPlugin) error {
	if _, err := db.Exec(ctx, ensureBuiltinPluginSQL, p.ID, p.Name, p.Description); err != nil {
		return fmt.Errorf("builtin plugin %s: %w", p.ID, mapErr(err))
	}
	if _, err := db.Exec(ctx, ensureBuiltinClassifierSQL, p.ID, p.Classifier); err != nil {
		return fmt.Errorf("builtin plugin %s classifier: %w", p.ID, mapErr(err))
	}
	return nil
}
