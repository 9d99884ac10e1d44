package analyst_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// contract pins every view of schema analyst: its columns, in order, with
// their types. Changing a line here means breaking analysts' queries: add a
// view with a new name instead.
var contract = map[string][]string{
	"alerts": {
		"time timestamp with time zone", "rule_id bigint", "rule_name text", "notifier_id bigint",
		"notifier_name text", "host_id bigint", "service_id bigint", "subject_name text", "kind text",
		"from_state text", "to_state text", "outcome text", "reason text", "attempt integer",
	},
	"availability_daily": {
		"day date", "subject_kind text", "subject_id bigint", "subject_name text", "state text",
		"seconds double precision", "percent double precision",
	},
	"checks": {
		"check_id bigint", "check_name text", "description text", "enabled boolean",
	},
	"current_state": {
		"host_id bigint", "host_name text", "plugin_id text", "plugin_name text", "check_id bigint",
		"check_name text", "time timestamp with time zone", "value double precision", "message text",
		"status text", "classification text", "severity smallint", "reason text", "since timestamp with time zone",
	},
	"health_changes": {
		"time timestamp with time zone", "subject_kind text", "subject_id bigint", "subject_name text",
		"from_state text", "to_state text", "ended_at timestamp with time zone", "duration interval",
	},
	"host_group_health": {
		"host_group_id bigint", "host_group_name text", "state text", "severity smallint", "hosts bigint",
	},
	"host_group_members": {
		"host_group_id bigint", "host_group_name text", "host_id bigint", "host_name text", "direct boolean",
	},
	"host_health": {
		"host_id bigint", "host_name text", "enabled boolean", "state text", "severity smallint",
		"last_result_at timestamp with time zone", "since timestamp with time zone",
	},
	"hosts": {
		"host_id bigint", "host_name text", "address text", "description text", "enabled boolean",
		"created_at timestamp with time zone",
	},
	"plugins": {
		"plugin_id text", "plugin_name text", "description text", "active_version text",
	},
	"results": {
		"time timestamp with time zone", "host_id bigint", "host_name text", "plugin_id text", "plugin_name text",
		"check_id bigint", "check_name text", "value double precision", "message text", "status text",
		"exit_code integer", "duration_ms integer", "perfdata jsonb", "classification text", "severity smallint",
		"reason text",
	},
	"results_daily": {
		"bucket timestamp with time zone", "host_id bigint", "host_name text", "plugin_id text",
		"plugin_name text", "check_id bigint", "check_name text", "avg double precision", "min double precision",
		"max double precision", "count bigint", "sum double precision", "total bigint", "worst_severity smallint",
		"worst_classification text",
	},
	"results_hourly": {
		"bucket timestamp with time zone", "host_id bigint", "host_name text", "plugin_id text",
		"plugin_name text", "check_id bigint", "check_name text", "avg double precision", "min double precision",
		"max double precision", "count bigint", "sum double precision", "total bigint", "worst_severity smallint",
		"worst_classification text",
	},
	"service_health": {
		"service_id bigint", "service_name text", "state text", "severity smallint",
	},
	"state_changes": {
		"time timestamp with time zone", "host_id bigint", "host_name text", "plugin_id text", "plugin_name text",
		"check_id bigint", "check_name text", "from_state text", "to_state text", "value double precision",
		"message text", "ended_at timestamp with time zone", "duration interval",
	},
}

// viewColumns reads schema analyst's relations as "name type" per column.
func viewColumns(t *testing.T, db *pgxpool.Pool) map[string][]string {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT c.relname, a.attname || ' ' || format_type(a.atttypid, a.atttypmod), c.relkind::text
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		WHERE n.nspname = 'analyst' ORDER BY c.relname, a.attnum`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	var rel, col, kind string
	_, err = pgx.ForEachRow(rows, []any{&rel, &col, &kind}, func() error {
		if kind != "v" {
			return fmt.Errorf("analyst.%s is not a plain view (relkind %s)", rel, kind)
		}
		got[rel] = append(got[rel], col)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestViewsMatchTheContractInBothModes(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		got := viewColumns(t, db)
		for rel, want := range contract {
			if !slices.Equal(got[rel], want) {
				t.Errorf("analyst.%s columns:\n got %q\nwant %q", rel, got[rel], want)
			}
		}
		for rel := range got {
			if _, ok := contract[rel]; !ok {
				t.Errorf("analyst.%s is not in the contract: pin its columns in this test and document it in docs/sql.md", rel)
			}
		}
	})
}

func TestEveryViewAndColumnIsCommented(t *testing.T) {
	db := pgtest.Plain(t)
	rows, err := db.Query(context.Background(), `SELECT c.relname, a.attname::text, coalesce(col_description(c.oid, a.attnum), '')
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		WHERE n.nspname = 'analyst'
		UNION ALL
		SELECT c.relname, '(view)', coalesce(obj_description(c.oid, 'pg_class'), '')
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'analyst'`)
	if err != nil {
		t.Fatal(err)
	}
	var rel, col, comment string
	n := 0
	_, err = pgx.ForEachRow(rows, []any{&rel, &col, &comment}, func() error {
		n++
		if strings.TrimSpace(comment) == "" {
			t.Errorf("analyst.%s %s has no COMMENT ON", rel, col)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < len(contract) {
		t.Fatalf("checked %d comments, fewer than the %d views", n, len(contract))
	}
}
