package pgtest_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/schema"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// status checks the schema of db through a connection of its own.
func status(t *testing.T, db *pgxpool.Pool) schema.Status {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.DSN(t, db))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	st, err := schema.Check(ctx, conn)
	if err != nil {
		t.Fatalf("schema of a pgtest database: %v", err)
	}
	return st
}

func TestEachModeGivesMigratedDatabaseOfThatMode(t *testing.T) {
	var ran []string
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		st := status(t, db)
		if string(st.Mode) != path.Base(t.Name()) {
			t.Fatalf("subtest %s got a %s-mode database", t.Name(), st.Mode)
		}
		if st.Mode == schema.ModeTimescale && st.Timescale == "" {
			t.Fatal("timescale-mode database without the extension")
		}
		ran = append(ran, string(st.Mode))
	})
	if len(ran) == 0 {
		t.Fatal("no mode ran")
	}
}

func TestDatabasesAreIsolated(t *testing.T) {
	ctx := context.Background()
	a, b := pgtest.Plain(t), pgtest.Plain(t)
	if _, err := a.Exec(ctx, `CREATE TABLE only_in_a (v int)`); err != nil {
		t.Fatal(err)
	}
	_, err := b.Exec(ctx, `SELECT * FROM only_in_a`)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "42P01" {
		t.Fatalf("table created in one test database visible in another: err=%v", err)
	}
}

func TestCloneDroppedAfterTest(t *testing.T) {
	ctx := context.Background()
	var name string
	t.Run("user", func(t *testing.T) {
		if err := pgtest.Plain(t).QueryRow(ctx, `SELECT current_database()`).Scan(&name); err != nil {
			t.Fatal(err)
		}
	})
	var left bool
	err := pgtest.Plain(t).QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&left)
	if err != nil || left {
		t.Fatalf("database %q still exists after its test (err %v)", name, err)
	}
}

// TestExternalServer re-runs this binary against the server this process
// started, as a CI job with PROPHASIS_TEST_DATABASE_URL would, and checks it
// leaves no database behind.
func TestExternalServer(t *testing.T) {
	if os.Getenv(pgtest.EnvURL) != "" {
		t.Skip("already running against an external server")
	}
	ctx := context.Background()
	db := pgtest.Plain(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestDatabasesAreIsolated$|^TestEachMode", "-test.count=1")
	cmd.Env = append(os.Environ(), pgtest.EnvURL+"="+pgtest.DSN(t, db))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tests against an external server: %v\n%s", err, out)
	}
	prefix := "pgtest_" + strconv.Itoa(cmd.Process.Pid) + "_"
	var n int
	err := db.QueryRow(ctx, `SELECT count(*) FROM pg_database WHERE starts_with(datname, $1)`, prefix).Scan(&n)
	if err != nil || n != 0 {
		t.Fatalf("%d databases left behind by the external run (err %v)", n, err)
	}
}

// BenchmarkPlainClone measures what a database test pays for its own
// database: cloning the migrated template (drops happen at cleanup).
func BenchmarkPlainClone(b *testing.B) {
	pgtest.Plain(b) // start the server and migrate the template first
	for b.Loop() {
		pgtest.Plain(b)
	}
}

// TestAbandonedClusterSwept: a cluster directory whose test binary died is
// removed by the next harness start; a live one is kept.
func TestAbandonedClusterSwept(t *testing.T) {
	pgtest.Plain(t) // the harness is up; its own directory must survive sweeps
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	for name, pid := range map[string]int{"prophasis-pgtest-dead": dead.Process.Pid, "prophasis-pgtest-live": os.Getpid()} {
		if err := os.MkdirAll(filepath.Join(parent, name, "pg"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(parent, name, "owner.pid"), []byte(strconv.Itoa(pid)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pgtest.Sweep(parent)
	if _, err := os.Stat(filepath.Join(parent, "prophasis-pgtest-dead")); !os.IsNotExist(err) {
		t.Fatalf("abandoned cluster directory kept: %v", err)
	}
	if _, err := os.Stat(filepath.Join(parent, "prophasis-pgtest-live")); err != nil {
		t.Fatalf("live cluster directory removed: %v", err)
	}
}
