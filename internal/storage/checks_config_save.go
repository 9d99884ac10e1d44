package storage

import (
	"context"
	"encoding/json"
	"fmt"
)

// SaveCheckConfig creates (c.ID == 0) or updates a check and replaces its
// members; run it in a transaction. It returns the check's id.
func SaveCheckConfig(ctx context.Context, tx DBTX, c CheckConfig, m CheckMembers) (int64, error) {
	id := c.ID
	var err error
	if id == 0 {
		err = tx.QueryRow(ctx, `INSERT INTO checks (name, description, enabled) VALUES ($1, $2, $3) RETURNING id`,
			c.Name, c.Description, c.Enabled).Scan(&id)
	} else {
		err = execOne(ctx, tx, `UPDATE checks SET name = $2, description = $3, enabled = $4 WHERE id = $1`,
			id, c.Name, c.Description, c.Enabled)
	}
	if err != nil {
		return 0, fmt.Errorf("storage: save check %q: %w", c.Name, mapErr(err))
	}
	plugins, err := json.Marshal(m.Plugins)
	if err != nil {
		return 0, fmt.Errorf("storage: check %q arguments: %w", c.Name, err)
	}
	steps := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM check_hosts WHERE check_id = $1`, []any{id}},
		{`DELETE FROM check_host_groups WHERE check_id = $1`, []any{id}},
		{`DELETE FROM check_plugins WHERE check_id = $1`, []any{id}},
		{`INSERT INTO check_hosts (check_id, host_id) SELECT $1, h.id FROM hosts h WHERE h.id = ANY($2::bigint[])`, []any{id, m.HostIDs}},
		{`INSERT INTO check_host_groups (check_id, group_id) SELECT $1, g.id FROM host_groups g WHERE g.id = ANY($2::bigint[])`, []any{id, m.GroupIDs}},
		{`INSERT INTO check_plugins (check_id, plugin_id, arguments)
			SELECT $1, p.id, a.value FROM jsonb_each($2::jsonb) a JOIN plugins p ON p.id = a.key`, []any{id, string(plugins)}},
	}
	for _, st := range steps {
		if _, err := tx.Exec(ctx, st.q, st.args...); err != nil {
			return 0, fmt.Errorf("storage: save members of check %q: %w", c.Name, mapErr(err))
		}
	}
	return id, nil
}

// DeleteCheckConfig removes a check; its memberships and schedule links go with it.
func DeleteCheckConfig(ctx context.Context, db DBTX, id int64) error {
	return execOne(ctx, db, `DELETE FROM checks WHERE id = $1`, id)
}

// PluginArgument is one argument a plugin's active manifest declares.
type PluginArgument struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Default     string `json:"default"`
	Required    bool   `json:"required"`
}

// PluginArguments returns the declared arguments of every plugin's active
// version, by plugin id, for the check form's per-plugin fields.
func PluginArguments(ctx context.Context, db DBTX) (map[string][]PluginArgument, error) {
	rows, err := db.Query(ctx, `SELECT p.id, coalesce(pv.manifest -> 'arguments', '[]')
		FROM plugins p JOIN plugin_versions pv ON pv.plugin_id = p.id AND pv.version = p.active_version`)
	if err != nil {
		return nil, fmt.Errorf("storage: plugin arguments: %w", mapErr(err))
	}
	defer rows.Close()
	out := map[string][]PluginArgument{}
	for rows.Next() {
		var id string
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, fmt.Errorf("storage: plugin arguments: %w", err)
		}
		var args []PluginArgument
		if err := json.Unmarshal(raw, &args); err != nil {
			return nil, fmt.Errorf("storage: plugin %s arguments: %w", id, err)
		}
		out[id] = args
	}
	return out, mapErr(rows.Err())
}
