package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/sched"
)

// Enabled checks of the given schedules.
const scheduleChecksSQL = `
SELECT sc.schedule_id, sc.check_id
FROM schedule_checks sc JOIN checks c ON c.id = sc.check_id
WHERE c.enabled AND sc.schedule_id = ANY($1)`

const checkHostsSQL = `SELECT check_id, host_id FROM check_hosts WHERE check_id = ANY($1)`

const checkGroupsSQL = `SELECT check_id, group_id FROM check_host_groups WHERE check_id = ANY($1)`

// Every group reachable from the checks, with its direct members. UNION
// (not UNION ALL) drops rows already found, so the recursion ends even if
// the nesting has a cycle that slipped past the schema's trigger.
const reachableGroupsSQL = `
WITH RECURSIVE reach (id) AS (
    SELECT group_id FROM check_host_groups WHERE check_id = ANY($1)
    UNION
    SELECT g.child_id FROM host_group_groups g JOIN reach r ON g.parent_id = r.id
)
SELECT r.id,
       array(SELECT host_id FROM host_group_hosts WHERE group_id = r.id ORDER BY host_id) AS host_ids,
       array(SELECT child_id FROM host_group_groups WHERE parent_id = r.id ORDER BY child_id) AS group_ids
FROM reach r`

const enabledHostsSQL = `SELECT id, name, address FROM hosts WHERE enabled AND id = ANY($1)`

type idPair struct {
	A int64 `db:"a"`
	B int64 `db:"b"`
}

// LoadExpansion loads what sched.Expansion needs to turn the given
// schedules into jobs: their enabled checks, the checks' hosts, groups
// (nested, followed recursively) and plugins with arguments, and the
// enabled hosts among everything reached.
func LoadExpansion(ctx context.Context, db DBTX, scheduleIDs []int64) (sched.Expansion, error) {
	e := sched.Expansion{ScheduleChecks: map[int64][]int64{}, Checks: map[int64]sched.Check{},
		Groups: map[int64]sched.Group{}, Hosts: map[int64]sched.Host{}}
	sc, err := idPairs(ctx, db, scheduleChecksSQL, scheduleIDs)
	if err != nil {
		return e, fmt.Errorf("load schedule checks: %w", err)
	}
	var checkIDs []int64
	for _, p := range sc {
		e.ScheduleChecks[p.A] = append(e.ScheduleChecks[p.A], p.B)
		if _, ok := e.Checks[p.B]; !ok {
			e.Checks[p.B] = sched.Check{ID: p.B}
			checkIDs = append(checkIDs, p.B)
		}
	}
	if err := loadCheckMembers(ctx, db, e, checkIDs); err != nil {
		return e, err
	}
	if err := loadCheckPlugins(ctx, db, e, checkIDs); err != nil {
		return e, err
	}
	if err := loadGroups(ctx, db, e, checkIDs); err != nil {
		return e, err
	}
	return e, loadHosts(ctx, db, e)
}

// idPairs runs a query returning two bigint columns.
func idPairs(ctx context.Context, db DBTX, sql string, ids []int64) ([]idPair, error) {
	rows, err := db.Query(ctx, sql, ids)
	if err != nil {
		return nil, mapErr(err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (idPair, error) {
		var p idPair
		return p, r.Scan(&p.A, &p.B)
	})
	return out, mapErr(err)
}

func loadCheckMembers(ctx context.Context, db DBTX, e sched.Expansion, checkIDs []int64) error {
	hosts, err := idPairs(ctx, db, checkHostsSQL, checkIDs)
	if err != nil {
		return fmt.Errorf("load check hosts: %w", err)
	}
	for _, p := range hosts {
		c := e.Checks[p.A]
		c.HostIDs = append(c.HostIDs, p.B)
		e.Checks[p.A] = c
	}
	groups, err := idPairs(ctx, db, checkGroupsSQL, checkIDs)
	if err != nil {
		return fmt.Errorf("load check groups: %w", err)
	}
	for _, p := range groups {
		c := e.Checks[p.A]
		c.GroupIDs = append(c.GroupIDs, p.B)
		e.Checks[p.A] = c
	}
	return nil
}

func loadGroups(ctx context.Context, db DBTX, e sched.Expansion, checkIDs []int64) error {
	rows, err := db.Query(ctx, reachableGroupsSQL, checkIDs)
	if err != nil {
		return fmt.Errorf("load host groups: %w", mapErr(err))
	}
	groups, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sched.Group, error) {
		var g sched.Group
		return g, r.Scan(&g.ID, &g.HostIDs, &g.GroupIDs)
	})
	if err != nil {
		return fmt.Errorf("load host groups: %w", mapErr(err))
	}
	for _, g := range groups {
		e.Groups[g.ID] = g
	}
	return nil
}

// loadHosts loads the enabled hosts among those the checks and groups name.
func loadHosts(ctx context.Context, db DBTX, e sched.Expansion) error {
	var ids []int64
	for _, c := range e.Checks {
		ids = append(ids, c.HostIDs...)
	}
	for _, g := range e.Groups {
		ids = append(ids, g.HostIDs...)
	}
	rows, err := db.Query(ctx, enabledHostsSQL, ids)
	if err != nil {
		return fmt.Errorf("load hosts: %w", mapErr(err))
	}
	hosts, err := pgx.CollectRows(rows, pgx.RowToStructByPos[sched.Host])
	if err != nil {
		return fmt.Errorf("load hosts: %w", mapErr(err))
	}
	for _, h := range hosts {
		e.Hosts[h.ID] = h
	}
	return nil
}
