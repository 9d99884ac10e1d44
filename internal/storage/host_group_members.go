package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// SetHostGroupMembers replaces a group's direct members. Run it in a
// transaction with the group's other changes. A member group that already
// contains group id is refused with *CycleError; the schema's trigger
// (host_group_groups_acyclic) backs this check up against concurrent edits.
func SetHostGroupMembers(ctx context.Context, db DBTX, id int64, hostIDs, groupIDs []int64) error {
	if err := checkCycle(ctx, db, id, groupIDs); err != nil {
		return err
	}
	steps := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM host_group_hosts WHERE group_id = $1`, []any{id}},
		{`DELETE FROM host_group_groups WHERE parent_id = $1`, []any{id}},
		{`INSERT INTO host_group_hosts (group_id, host_id)
			SELECT $1, h.id FROM hosts h WHERE h.id = ANY($2::bigint[])`, []any{id, hostIDs}},
		{`INSERT INTO host_group_groups (parent_id, child_id)
			SELECT $1, g.id FROM host_groups g WHERE g.id = ANY($2::bigint[])`, []any{id, groupIDs}},
	}
	for _, st := range steps {
		if _, err := db.Exec(ctx, st.q, st.args...); err != nil {
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.ConstraintName == "host_group_groups_acyclic" {
				return &CycleError{}
			}
			return fmt.Errorf("storage: set members of host group %d: %w", id, mapErr(err))
		}
	}
	return nil
}

// checkCycle walks down from each proposed member group; reaching id means
// the new edge would close a loop, and the member it started from is named
// in the message. UNION (not UNION ALL) guarantees the walk terminates.
func checkCycle(ctx context.Context, db DBTX, id int64, groupIDs []int64) error {
	const q = `WITH RECURSIVE reach(root, id) AS (
			SELECT c, c FROM unnest($2::bigint[]) AS c
			UNION
			SELECT r.root, ch.child_id FROM host_group_groups ch JOIN reach r ON ch.parent_id = r.id
		)
		SELECT g.name FROM reach r JOIN host_groups g ON g.id = r.root
		WHERE r.id = $1 ORDER BY g.name LIMIT 1`
	var via string
	err := db.QueryRow(ctx, q, id, groupIDs).Scan(&via)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("storage: check host group cycle: %w", err)
	}
	return &CycleError{Via: via}
}
