package schema_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/schema"
	"github.com/prophasis/prophasis/internal/state"
)

// column is one column of a relation visible to queries and analysts.
type column struct {
	Relation, Name, Type string
}

// publicColumns lists every column of every table and view in the public
// schema, in a stable order.
func publicColumns(t testing.TB, conn db) []column {
	t.Helper()
	rows, err := conn.Query(context.Background(), `
		SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
		FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
		ORDER BY c.relname, a.attnum`)
	if err != nil {
		t.Fatal(err)
	}
	cols, err := pgx.CollectRows(rows, pgx.RowToStructByPos[column])
	if err != nil {
		t.Fatal(err)
	}
	return cols
}

func TestBothModesExposeIdenticalRelationsAndColumns(t *testing.T) {
	plain := publicColumns(t, migrated(t, schema.ModePlain))
	timescale := publicColumns(t, migrated(t, schema.ModeTimescale))
	if !slices.Equal(plain, timescale) {
		for i := range max(len(plain), len(timescale)) {
			var p, ts column
			if i < len(plain) {
				p = plain[i]
			}
			if i < len(timescale) {
				ts = timescale[i]
			}
			if p != ts {
				t.Errorf("column %d: plain %+v, timescale %+v", i, p, ts)
			}
		}
	}
	for _, rel := range []string{"results", "results_hourly", "results_daily", "state_changes", "current_state"} {
		if !slices.ContainsFunc(plain, func(c column) bool { return c.Relation == rel }) {
			t.Errorf("relation %s missing", rel)
		}
	}
}

func TestSQLSeverityMatchesStatePackage(t *testing.T) {
	conn := migrated(t, schema.ModePlain)
	ctx := context.Background()
	for _, s := range state.All {
		var rank int
		var back string
		err := conn.QueryRow(ctx, `SELECT prophasis_severity($1), prophasis_state(prophasis_severity($1))`, string(s)).Scan(&rank, &back)
		if err != nil {
			t.Fatal(err)
		}
		if rank != s.Severity() || back != string(s) {
			t.Errorf("%s: SQL rank %d and back %q; Go rank %d", s, rank, back, s.Severity())
		}
	}
	var unknown *int
	if err := conn.QueryRow(ctx, `SELECT prophasis_severity('fine')`).Scan(&unknown); err != nil || unknown != nil {
		t.Fatalf("prophasis_severity('fine') = %v, %v; want NULL", unknown, err)
	}
}
