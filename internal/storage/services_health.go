package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// assignedHealthQuery is the health of hosts ($1, or all when NULL): the
// worst current classification over the plugins assigned to the host by an
// enabled check — directly or through nested groups — plus pushed results.
// A series left over from an assignment that was removed does not count.
const assignedHealthQuery = `WITH RECURSIVE group_hosts(group_id, host_id) AS (
		SELECT group_id, host_id FROM host_group_hosts WHERE $1::bigint[] IS NULL OR host_id = ANY($1)
		UNION
		SELECT g.parent_id, gh.host_id FROM host_group_groups g JOIN group_hosts gh ON gh.group_id = g.child_id
	), assigned AS MATERIALIZED (
		SELECT a.host_id, cp.plugin_id, a.check_id
		FROM (SELECT check_id, host_id FROM check_hosts WHERE $1::bigint[] IS NULL OR host_id = ANY($1)
			UNION
			SELECT cg.check_id, gh.host_id FROM check_host_groups cg JOIN group_hosts gh ON gh.group_id = cg.group_id) a
		JOIN checks c ON c.id = a.check_id AND c.enabled
		JOIN check_plugins cp ON cp.check_id = a.check_id
	), counted AS (
		SELECT cs.host_id, cs.severity FROM current_state cs
		JOIN assigned a ON a.host_id = cs.host_id AND a.plugin_id = cs.plugin_id AND a.check_id = cs.check_id
		WHERE $1::bigint[] IS NULL OR cs.host_id = ANY($1)
		UNION ALL
		SELECT host_id, severity FROM current_state
		WHERE check_id IS NULL AND ($1::bigint[] IS NULL OR host_id = ANY($1))
	)
	SELECT h.id, prophasis_state(coalesce(max(c.severity), 0)::smallint)
	FROM hosts h LEFT JOIN counted c ON c.host_id = h.id
	WHERE $1::bigint[] IS NULL OR h.id = ANY($1)
	GROUP BY h.id`

// AssignedHostHealth returns the health of the given hosts (every host when
// ids is nil); hosts with no assigned results have no data.
func AssignedHostHealth(ctx context.Context, db DBTX, ids []int64) (map[int64]state.State, error) {
	out := map[int64]state.State{}
	err := withoutJIT(ctx, db, func(q DBTX) error {
		rows, _ := q.Query(ctx, assignedHealthQuery, ids)
		var id int64
		var s state.State
		_, err := pgx.ForEachRow(rows, []any{&id, &s}, func() error {
			out[id] = s
			return nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: host health: %w", mapErr(err))
	}
	return out, nil
}

// GroupMembers are the direct members of one host group.
type GroupMembers struct {
	ID     int64   `db:"id"`
	Hosts  []int64 `db:"hosts"`
	Groups []int64 `db:"groups"`
}

// AllGroupMembers lists the direct members of every host group.
func AllGroupMembers(ctx context.Context, db DBTX) ([]GroupMembers, error) {
	const q = `SELECT g.id,
			array(SELECT host_id FROM host_group_hosts WHERE group_id = g.id ORDER BY 1) AS hosts,
			array(SELECT child_id FROM host_group_groups WHERE parent_id = g.id ORDER BY 1) AS groups
		FROM host_groups g ORDER BY g.id`
	rows, _ := db.Query(ctx, q)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[GroupMembers])
	if err != nil {
		return nil, fmt.Errorf("storage: group members: %w", mapErr(err))
	}
	return out, nil
}

// withoutJIT runs a read-only f in a transaction (a savepoint inside the
// caller's) with JIT compilation off: the recursive group walk makes the
// planner's estimates huge, and compiling the plan then took a second where
// running it takes a millisecond. Rolling back restores the setting.
func withoutJIT(ctx context.Context, db DBTX, f func(DBTX) error) error {
	b, ok := db.(interface {
		Begin(context.Context) (pgx.Tx, error)
	})
	if !ok {
		return f(db)
	}
	tx, err := b.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, "SET LOCAL jit = off"); err != nil {
		return err
	}
	return f(tx)
}
