package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// assignedHealthAll is the health of every host: the worst current
// classification over the plugins assigned to the host by an enabled check
// (directly or through nested groups), plus pushed results. A series left
// over from an assignment that was removed does not count. It aggregates
// current_state per host first and joins hosts to that by hash: filters of
// the form "$1 IS NULL OR host_id = ANY($1)" defeated the planner's
// estimates and gave a nested loop discarding millions of rows.
//
// The series that count are pushed ones plus those joined to the
// assignments (the counted CTE), never "(host, plugin, check) IN (SELECT ...
// FROM assigned)" under an OR: that form is a subplan the planner may run
// as a scan of the assignments per current_state row, and with a generic
// plan it did (2.5 s a batch for 1,000 hosts with 12 checks each).
const assignedHealthAll = `WITH RECURSIVE group_hosts(group_id, host_id) AS (
		SELECT group_id, host_id FROM host_group_hosts
		UNION
		SELECT g.parent_id, gh.host_id FROM host_group_groups g JOIN group_hosts gh ON gh.group_id = g.child_id
	), assigned AS (
		SELECT a.host_id, cp.plugin_id, a.check_id
		FROM (SELECT check_id, host_id FROM check_hosts
			UNION
			SELECT cg.check_id, gh.host_id FROM check_host_groups cg JOIN group_hosts gh ON gh.group_id = cg.group_id) a
		JOIN checks c ON c.id = a.check_id AND c.enabled
		JOIN check_plugins cp ON cp.check_id = a.check_id
	), counted AS (
		SELECT host_id, severity FROM current_state WHERE check_id IS NULL
		UNION ALL
		SELECT cs.host_id, cs.severity FROM assigned a
		JOIN current_state cs ON cs.host_id = a.host_id AND cs.plugin_id = a.plugin_id AND cs.check_id = a.check_id
	), worst AS (
		SELECT host_id, max(severity) AS severity FROM counted GROUP BY host_id
	)
	SELECT h.id, prophasis_state(coalesce(w.severity, 0)::smallint)
	FROM hosts h LEFT JOIN worst w ON w.host_id = h.id`

// assignedOf is the recursive group walk and the assignments of the hosts
// in $1, and the current states of theirs that count (counted),
// shared by assignedHealthOf and assignedSeriesOf. The assignments are
// unique per series (the UNION makes each check and host one row), so the
// join repeats no row.
const assignedOf = `WITH RECURSIVE group_hosts(group_id, host_id) AS (
		SELECT group_id, host_id FROM host_group_hosts WHERE host_id = ANY($1)
		UNION
		SELECT g.parent_id, gh.host_id FROM host_group_groups g JOIN group_hosts gh ON gh.group_id = g.child_id
	), assigned AS (
		SELECT a.host_id, cp.plugin_id, a.check_id
		FROM (SELECT check_id, host_id FROM check_hosts WHERE host_id = ANY($1)
			UNION
			SELECT cg.check_id, gh.host_id FROM check_host_groups cg JOIN group_hosts gh ON gh.group_id = cg.group_id) a
		JOIN checks c ON c.id = a.check_id AND c.enabled
		JOIN check_plugins cp ON cp.check_id = a.check_id
	), counted AS (
		SELECT host_id, plugin_id, 0::bigint AS check_id, classification, severity FROM current_state
		WHERE host_id = ANY($1) AND check_id IS NULL
		UNION ALL
		SELECT cs.host_id, cs.plugin_id, cs.check_id, cs.classification, cs.severity FROM assigned a
		JOIN current_state cs ON cs.host_id = a.host_id AND cs.plugin_id = a.plugin_id AND cs.check_id = a.check_id
	)`

// assignedHealthOf is assignedHealthAll for the hosts in $1 only.
const assignedHealthOf = assignedOf + `, worst AS (
		SELECT host_id, max(severity) AS severity FROM counted GROUP BY host_id
	)
	SELECT h.id, prophasis_state(coalesce(w.severity, 0)::smallint)
	FROM hosts h LEFT JOIN worst w ON w.host_id = h.id WHERE h.id = ANY($1)`

// AssignedHostHealth returns the health of the given hosts (every host when
// ids is nil); hosts with no assigned results have no data.
func AssignedHostHealth(ctx context.Context, db DBTX, ids []int64) (map[int64]state.State, error) {
	out := map[int64]state.State{}
	err := withoutJIT(ctx, db, func(q DBTX) error {
		var rows pgx.Rows
		if ids == nil {
			rows, _ = q.Query(ctx, assignedHealthAll)
		} else {
			rows, _ = q.Query(ctx, assignedHealthOf, ids)
		}
		return scanHostHealth(rows, out)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: host health: %w", mapErr(err))
	}
	return out, nil
}

func scanHostHealth(rows pgx.Rows, into map[int64]state.State) error {
	var id int64
	var s state.State
	_, err := pgx.ForEachRow(rows, []any{&id, &s}, func() error {
		into[id] = s
		return nil
	})
	return err
}

// GroupMembers are the direct members of one host group.
type GroupMembers struct {
	ID     int64   `db:"id"`
	Hosts  []int64 `db:"hosts"`
	Groups []int64 `db:"groups"`
}

// allGroupMembersQuery lists the direct members of every host group.
const allGroupMembersQuery = `SELECT g.id,
		array(SELECT host_id FROM host_group_hosts WHERE group_id = g.id ORDER BY 1) AS hosts,
		array(SELECT child_id FROM host_group_groups WHERE parent_id = g.id ORDER BY 1) AS groups
	FROM host_groups g ORDER BY g.id`

// AllGroupMembers lists the direct members of every host group.
func AllGroupMembers(ctx context.Context, db DBTX) ([]GroupMembers, error) {
	rows, _ := db.Query(ctx, allGroupMembersQuery)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[GroupMembers])
	if err != nil {
		return nil, fmt.Errorf("storage: group members: %w", mapErr(err))
	}
	return out, nil
}

// QueueAllGroupMembers is AllGroupMembers added to b, for the ingest
// path's pipeline; the groups land in into.
func QueueAllGroupMembers(b *pgx.Batch, into *[]GroupMembers) {
	b.Queue(allGroupMembersQuery).Query(func(rows pgx.Rows) error {
		out, err := pgx.CollectRows(rows, pgx.RowToStructByName[GroupMembers])
		if err != nil {
			return fmt.Errorf("storage: group members: %w", mapErr(err))
		}
		*into = out
		return nil
	})
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
