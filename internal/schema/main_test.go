package schema_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/pgserver"
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
