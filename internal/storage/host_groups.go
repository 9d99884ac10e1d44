package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// HostGroup is a named set of hosts and other groups; membership is
// recursive, so a group must never contain itself, directly or not.
type HostGroup struct {
	ID          int64  `db:"id"`
	Name        string `db:"name"`
	Description string `db:"description"`
	Hosts       int    `db:"hosts"`  // direct member hosts, in listings
	Groups      int    `db:"groups"` // direct member groups, in listings
}

// CycleError refuses a membership change that would make a group contain
// itself; Via names the member group through which the loop would close.
type CycleError struct{ Via string }

func (e *CycleError) Error() string {
	if e.Via == "" {
		return "these member groups would make the group contain itself"
	}
	return fmt.Sprintf("group %q already contains this group, so it cannot also be its member", e.Via)
}

// ListHostGroups returns groups whose name or description contains search.
func ListHostGroups(ctx context.Context, db DBTX, search string) ([]HostGroup, error) {
	q := `SELECT g.id, g.name, g.description,
			(SELECT count(*) FROM host_group_hosts m WHERE m.group_id = g.id)::int AS hosts,
			(SELECT count(*) FROM host_group_groups m WHERE m.parent_id = g.id)::int AS groups
		FROM host_groups g
		WHERE $1 = '' OR g.name ILIKE '%' || $1 || '%' OR g.description ILIKE '%' || $1 || '%'
		ORDER BY lower(g.name), g.id`
	rows, _ := db.Query(ctx, q, escapeLike(search))
	groups, err := pgx.CollectRows(rows, pgx.RowToStructByName[HostGroup])
	if err != nil {
		return nil, fmt.Errorf("storage: list host groups: %w", mapErr(err))
	}
	return groups, nil
}

// HostGroupByID loads one group and its direct members.
func HostGroupByID(ctx context.Context, db DBTX, id int64) (g HostGroup, hostIDs, groupIDs []int64, err error) {
	const q = `SELECT id, name, description,
			coalesce((SELECT array_agg(host_id ORDER BY host_id) FROM host_group_hosts WHERE group_id = $1), '{}'),
			coalesce((SELECT array_agg(child_id ORDER BY child_id) FROM host_group_groups WHERE parent_id = $1), '{}')
		FROM host_groups WHERE id = $1`
	err = db.QueryRow(ctx, q, id).Scan(&g.ID, &g.Name, &g.Description, &hostIDs, &groupIDs)
	if err != nil {
		return HostGroup{}, nil, nil, fmt.Errorf("storage: load host group %d: %w", id, mapErr(err))
	}
	g.Hosts, g.Groups = len(hostIDs), len(groupIDs)
	return g, hostIDs, groupIDs, nil
}

// CreateHostGroup inserts a group without members and returns its id.
func CreateHostGroup(ctx context.Context, db DBTX, g HostGroup) (int64, error) {
	var id int64
	err := db.QueryRow(ctx, `INSERT INTO host_groups (name, description) VALUES ($1, $2) RETURNING id`,
		g.Name, g.Description).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("storage: create host group %q: %w", g.Name, mapErr(err))
	}
	return id, nil
}

// UpdateHostGroup renames or re-describes a group.
func UpdateHostGroup(ctx context.Context, db DBTX, g HostGroup) error {
	return execOne(ctx, db, `UPDATE host_groups SET name = $2, description = $3 WHERE id = $1`, g.ID, g.Name, g.Description)
}

// DeleteHostGroup removes a group; its member links go with it.
func DeleteHostGroup(ctx context.Context, db DBTX, id int64) error {
	return execOne(ctx, db, `DELETE FROM host_groups WHERE id = $1`, id)
}
