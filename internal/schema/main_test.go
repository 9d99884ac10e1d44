package schema_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/schema"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// db is what the helpers need: a connection or a pool.
type db interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
	Begin(ctx context.Context) (pgx.Tx, error)
}

// emptySeq numbers the empty databases this binary creates.
var emptySeq atomic.Int64

// newDB creates an empty, unmigrated database on the harness's server for
// one test, and connects to it.
func newDB(t testing.TB) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	host := pgtest.Plain(t)
	cfg, err := pgx.ParseConfig(pgtest.DSN(t, host))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Database = fmt.Sprintf("%s_empty_%d", cfg.Database, emptySeq.Add(1))
	name := pgx.Identifier{cfg.Database}.Sanitize()
	exec(t, host, `CREATE DATABASE `+name)
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Close(ctx)
		exec(t, host, `DROP DATABASE `+name+` WITH (FORCE)`)
	})
	return conn
}

// timescaleAvailable reports whether the harness's server can load TimescaleDB.
func timescaleAvailable(t testing.TB) bool {
	t.Helper()
	return count(t, pgtest.Plain(t), `SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'
		AND current_setting('shared_preload_libraries') LIKE '%timescaledb%'`) == 1
}

// migrated returns a fresh migrated database of mode; timescale tests skip
// with a visible message when the server cannot load the extension.
func migrated(t testing.TB, mode schema.Mode) db {
	t.Helper()
	if mode == schema.ModeTimescale {
		return pgtest.Timescale(t)
	}
	return pgtest.Plain(t)
}

// eachMode runs f once per storage mode, each on its own database.
func eachMode(t *testing.T, f func(t *testing.T, conn db)) {
	for _, mode := range []schema.Mode{schema.ModePlain, schema.ModeTimescale} {
		t.Run(string(mode), func(t *testing.T) { f(t, migrated(t, mode)) })
	}
}

// exec runs statements that must succeed.
func exec(t testing.TB, conn db, sql string, args ...any) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// count returns the single integer a query yields.
func count(t testing.TB, conn db, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := conn.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}
