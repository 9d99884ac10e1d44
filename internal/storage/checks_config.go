package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// CheckConfig is a check as the configuration pages list and edit it:
// hosts and host groups crossed with plugins, each plugin with arguments.
type CheckConfig struct {
	ID          int64  `db:"id"`
	Name        string `db:"name"`
	Description string `db:"description"`
	Enabled     bool   `db:"enabled"`
	Hosts       int    `db:"hosts"`   // in listings
	Groups      int    `db:"groups"`  // in listings
	Plugins     int    `db:"plugins"` // in listings
}

// CheckMembers is what a check runs: its hosts, its groups (expanded
// recursively by the scheduler) and its plugins' arguments by plugin id.
type CheckMembers struct {
	HostIDs  []int64
	GroupIDs []int64
	Plugins  map[string]map[string]string
}

// ListCheckConfigs returns checks whose name or description contains search.
func ListCheckConfigs(ctx context.Context, db DBTX, search string) ([]CheckConfig, error) {
	const q = `SELECT c.id, c.name, c.description, c.enabled,
			(SELECT count(*) FROM check_hosts m WHERE m.check_id = c.id)::int AS hosts,
			(SELECT count(*) FROM check_host_groups m WHERE m.check_id = c.id)::int AS groups,
			(SELECT count(*) FROM check_plugins m WHERE m.check_id = c.id)::int AS plugins
		FROM checks c WHERE $1 = '' OR c.name ILIKE '%' || $1 || '%' OR c.description ILIKE '%' || $1 || '%'
		ORDER BY lower(c.name), c.id`
	rows, _ := db.Query(ctx, q, escapeLike(search))
	checks, err := pgx.CollectRows(rows, pgx.RowToStructByName[CheckConfig])
	if err != nil {
		return nil, fmt.Errorf("storage: list checks: %w", mapErr(err))
	}
	return checks, nil
}

// CheckConfigByID loads one check and its members.
func CheckConfigByID(ctx context.Context, db DBTX, id int64) (CheckConfig, CheckMembers, error) {
	var c CheckConfig
	m := CheckMembers{Plugins: map[string]map[string]string{}}
	var plugins []byte
	err := db.QueryRow(ctx, `SELECT id, name, description, enabled,
			coalesce((SELECT array_agg(host_id ORDER BY host_id) FROM check_hosts WHERE check_id = $1), '{}'),
			coalesce((SELECT array_agg(group_id ORDER BY group_id) FROM check_host_groups WHERE check_id = $1), '{}'),
			coalesce((SELECT jsonb_object_agg(plugin_id, arguments) FROM check_plugins WHERE check_id = $1), '{}')
		FROM checks WHERE id = $1`, id).Scan(&c.ID, &c.Name, &c.Description, &c.Enabled, &m.HostIDs, &m.GroupIDs, &plugins)
	if err != nil {
		return CheckConfig{}, CheckMembers{}, fmt.Errorf("storage: load check %d: %w", id, mapErr(err))
	}
	var raw map[string]map[string]any
	if err := json.Unmarshal(plugins, &raw); err != nil {
		return CheckConfig{}, CheckMembers{}, fmt.Errorf("storage: check %d plugin arguments: %w", id, err)
	}
	for p, args := range raw {
		m.Plugins[p] = map[string]string{}
		for k, v := range args {
			if s, ok := v.(string); ok {
				m.Plugins[p][k] = s
			} else {
				b, _ := json.Marshal(v)
				m.Plugins[p][k] = string(b)
			}
		}
	}
	c.Hosts, c.Groups, c.Plugins = len(m.HostIDs), len(m.GroupIDs), len(m.Plugins)
	return c, m, nil
}
