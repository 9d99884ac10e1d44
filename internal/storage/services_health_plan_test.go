package storage

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// TestHealthQueriesJoinAssignments: the queries of host health read the
// series that count through joins, never as a subplan over the
// assignments per current_state row, even planned generically (as the
// ingest path plans them): that plan took 2.5 s a batch at 1,000 hosts.
func TestHealthQueriesJoinAssignments(t *testing.T) {
	db := pgtest.Plain(t)
	ctx := context.Background()
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, `SET LOCAL plan_cache_mode = force_generic_plan`); err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]struct {
		sql  string
		args string
	}{
		"assignedSeriesOf":  {assignedSeriesOf, `('{1,2}', '{}', '{}', '{}', '{}')`},
		"assignedHealthOf":  {assignedHealthOf, `('{1,2}')`},
		"assignedHealthAll": {assignedHealthAll, ``},
	} {
		if _, err := tx.Exec(ctx, `PREPARE q AS `+q.sql); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows, _ := tx.Query(ctx, `EXPLAIN EXECUTE q`+q.args)
		plan, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if text := strings.Join(plan, "\n"); strings.Contains(text, "SubPlan") {
			t.Errorf("%s is planned with a subplan:\n%s", name, text)
		}
		if _, err := tx.Exec(ctx, `DEALLOCATE q`); err != nil {
			t.Fatal(err)
		}
	}
}
