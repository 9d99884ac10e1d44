package schema_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/pgserver"
	"github.com/prophasis/prophasis/internal/schema"
)

// server is the one PostgreSQL this test binary starts; each test gets its
// own database in it.
var server struct {
	srv *pgserver.Server
	seq atomic.Int64
}

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "schema-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	srv, err := pgserver.Start(ctx, pgserver.Config{Dir: dir, Throwaway: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start postgresql:", err)
		return 1
	}
	defer srv.Stop(ctx)
	server.srv = srv
	return m.Run()
}

// newDB creates an empty database for one test and connects to it.
func newDB(t testing.TB) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("schema_%d", server.seq.Add(1))
	admin, err := pgx.Connect(ctx, server.srv.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, server.srv.DSN(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Close(ctx)
		if admin, err := pgx.Connect(ctx, server.srv.DSN("postgres")); err == nil {
			admin.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)")
			admin.Close(ctx)
		}
	})
	return conn
}

// migrated returns a fresh database migrated in mode; timescale tests skip
// with a visible message when the server cannot load the extension.
func migrated(t testing.TB, mode schema.Mode) *pgx.Conn {
	t.Helper()
	if mode == schema.ModeTimescale && !server.srv.Timescale() {
		t.Skip("TimescaleDB is not installed in this PostgreSQL: timescale-mode test skipped")
	}
	conn := newDB(t)
	if _, err := schema.Migrate(context.Background(), conn, schema.Options{Mode: mode}); err != nil {
		t.Fatal(err)
	}
	return conn
}

// eachMode runs f once per storage mode, each on its own database.
func eachMode(t *testing.T, f func(t *testing.T, conn *pgx.Conn)) {
	for _, mode := range []schema.Mode{schema.ModePlain, schema.ModeTimescale} {
		t.Run(string(mode), func(t *testing.T) { f(t, migrated(t, mode)) })
	}
}

// exec runs statements that must succeed.
func exec(t testing.TB, conn *pgx.Conn, sql string, args ...any) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// count returns the single integer a query yields.
func count(t testing.TB, conn *pgx.Conn, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := conn.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}
