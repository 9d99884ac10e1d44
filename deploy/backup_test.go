// Package deploy holds service files for systemd and FreeBSD; its tests
// check that the backup and restore commands in docs/operations.md work.
package deploy

import (
	"context"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgserver"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/schema"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestDumpAndRestore follows the guide in both storage modes: a full dump
// restores the results; a configuration-only dump restores the hosts with
// no results, and both restored databases pass the schema check.
func TestDumpAndRestore(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		ctx := context.Background()
		seed(t, db)
		timescale := mode(t, db) == schema.ModeTimescale
		for _, tc := range []struct {
			name        string
			dumpArgs    []string
			wantResults int
		}{
			{name: "full", wantResults: 6},
			{name: "config only", wantResults: 0, dumpArgs: []string{
				"--exclude-table-data=results*", "--exclude-table-data=state_changes",
				"--exclude-table-data=health_changes", "--exclude-table-data=_timescaledb_internal.*"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				file := filepath.Join(t.TempDir(), "prophasis.dump")
				pgTool(t, db, "pg_dump", append([]string{"--format=custom", "--file=" + file}, tc.dumpArgs...)...)
				target := emptyDatabase(t, db)
				if timescale {
					execAll(t, target, `CREATE EXTENSION timescaledb`, `SELECT timescaledb_pre_restore()`)
				}
				pgTool(t, target, "pg_restore", "--no-owner", "--exit-on-error", file)
				if timescale {
					execAll(t, target, `SELECT timescaledb_post_restore()`)
				}
				var hosts, results int
				if err := target.QueryRow(ctx, `SELECT (SELECT count(*) FROM hosts), (SELECT count(*) FROM results)`).Scan(&hosts, &results); err != nil {
					t.Fatal(err)
				}
				if hosts != 2 || results != tc.wantResults {
					t.Fatalf("restored %d hosts and %d results, want 2 and %d", hosts, results, tc.wantResults)
				}
				if got := mode(t, target); got != mode(t, db) {
					t.Fatalf("restored mode %q, want %q", got, mode(t, db))
				}
			})
		}
	})
}

func seed(t *testing.T, db *pgxpool.Pool) {
	t.Helper()
	execAll(t, db, `INSERT INTO hosts (name, address) VALUES ('web1', '10.0.0.1'), ('web2', '10.0.0.2')`,
		`INSERT INTO results (time, host_id, plugin_id, status, classification, severity)
			SELECT now() - i * interval '10 days', h.id, 'cpu', 'ok', 'ok', 1 FROM hosts h, generate_series(0, 2) i`)
}

// mode is the recorded storage mode; Check also fails on a broken schema.
func mode(t *testing.T, db *pgxpool.Pool) schema.Mode {
	t.Helper()
	conn, err := db.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	st, err := schema.Check(context.Background(), conn.Conn())
	if err != nil {
		t.Fatalf("schema check: %v", err)
	}
	return st.Mode
}

// emptyDatabase creates a database on the same server, dropped at the end.
func emptyDatabase(t *testing.T, db *pgxpool.Pool) *pgxpool.Pool {
	t.Helper()
	ctx := context.Background()
	name := "restore_" + strings.ToLower(strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()))
	execAll(t, db, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize(), `CREATE DATABASE `+pgx.Identifier{name}.Sanitize())
	u, err := url.Parse(db.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	target, err := pgxpool.New(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		target.Close()
		db.Exec(context.Background(), `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`)
	})
	return target
}

func execAll(t *testing.T, db *pgxpool.Pool, sqls ...string) {
	t.Helper()
	for _, q := range sqls {
		if _, err := db.Exec(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// pgTool runs a PostgreSQL client program against db's database.
func pgTool(t *testing.T, db *pgxpool.Pool, tool string, args ...string) {
	t.Helper()
	args = append(args, "--dbname="+db.Config().ConnString())
	bin, err := pgserver.FindBinaries(0)
	if err != nil {
		t.Skipf("no PostgreSQL client programs: %v", err)
	}
	out, err := exec.Command(filepath.Join(bin.Dir, tool), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
}
