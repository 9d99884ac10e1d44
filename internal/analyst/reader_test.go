package analyst_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/analyst"
	"github.com/prophasis/prophasis/internal/pgtest"
)

// uniqueName gives each test its own role: roles are cluster-wide and test
// binaries may share one server.
func uniqueName(t *testing.T, prefix string) string {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	return prefix + "_" + hex.EncodeToString(b[:])
}

// newReader creates a reader on db, dropped when the test ends.
func newReader(t *testing.T, db *pgxpool.Pool, timeout time.Duration) string {
	t.Helper()
	name := uniqueName(t, "reader")
	ctx := context.Background()
	err := analyst.CreateReader(ctx, db, analyst.Reader{Name: name, Password: "correct horse battery", StatementTimeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := analyst.DropReader(context.Background(), db, name); err != nil {
			t.Errorf("drop reader: %v", err)
		}
	})
	return name
}

// connectAs opens a connection to db's database as role (the test server
// trusts loopback connections, so no password is needed).
func connectAs(t *testing.T, db *pgxpool.Pool, role string) *pgx.Conn {
	t.Helper()
	cfg, err := pgx.ParseConfig(pgtest.DSN(t, db))
	if err != nil {
		t.Fatal(err)
	}
	cfg.User, cfg.Password = role, ""
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

// sqlState is err's SQLSTATE, or "" when it is not a server error.
func sqlState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

func TestReaderSessionsStartReadOnlyWithTheStatementTimeout(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		conn := connectAs(t, db, newReader(t, db, 300*time.Millisecond))
		ctx := context.Background()
		var readOnly, timeout, jit string
		err := conn.QueryRow(ctx, `SELECT current_setting('transaction_read_only'), current_setting('statement_timeout'), current_setting('jit')`).
			Scan(&readOnly, &timeout, &jit)
		if err != nil {
			t.Fatal(err)
		}
		if readOnly != "on" || timeout != "300ms" || jit != "off" {
			t.Errorf("transaction_read_only %q, statement_timeout %q, jit %q; want on, 300ms, off", readOnly, timeout, jit)
		}
		start := time.Now()
		_, err = conn.Exec(ctx, `SELECT pg_sleep(10)`)
		if sqlState(err) != "57014" {
			t.Errorf("pg_sleep(10): %v; want query_canceled (57014) by the statement timeout", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("pg_sleep(10) ran %s despite a 300ms statement timeout", d)
		}
	})
}

func TestDefaultStatementTimeoutIs30s(t *testing.T) {
	db := pgtest.Plain(t)
	conn := connectAs(t, db, newReader(t, db, 0))
	var timeout string
	if err := conn.QueryRow(context.Background(), `SHOW statement_timeout`).Scan(&timeout); err != nil {
		t.Fatal(err)
	}
	if timeout != "30s" {
		t.Errorf("statement_timeout %q, want 30s", timeout)
	}
}
