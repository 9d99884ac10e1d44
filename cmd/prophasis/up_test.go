package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestUpKeepsDataAcrossRestarts runs `prophasis up` on its own PostgreSQL,
// writes a row, stops it with SIGTERM and starts it again.
func TestUpKeepsDataAcrossRestarts(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	first := prophasis(t, "up", "--data-dir", dir, "--listen", "127.0.0.1:0")
	h := health(t, first.serving(t))
	if h.StorageMode == "" || h.SchemaVersion != h.Latest || h.Database != "reachable" {
		t.Fatalf("healthz after first up: %+v", h)
	}
	if !strings.Contains(first.output(), "/setup?token=") {
		t.Fatalf("first start on an empty database printed no setup link:\n%s", first.output())
	}
	execSQL(t, embeddedDSN(t, first), `CREATE TABLE e2e_kept (v text); INSERT INTO e2e_kept VALUES ('still here')`)
	secret, err := os.ReadFile(filepath.Join(dir, "secret"))
	if err != nil {
		t.Fatal(err)
	}
	first.stop(t)
	assertShutdownOrder(t, first.output())

	second := prophasis(t, "up", "--data-dir", dir, "--listen", "127.0.0.1:0")
	h2 := health(t, second.serving(t))
	if h2 != h {
		t.Fatalf("healthz changed across restart: %+v then %+v", h, h2)
	}
	var v string
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, embeddedDSN(t, second))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if err := conn.QueryRow(ctx, `SELECT v FROM e2e_kept`).Scan(&v); err != nil || v != "still here" {
		t.Fatalf("row after restart: %q, %v", v, err)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "secret")); !bytes.Equal(secret, again) {
		t.Fatal("server secret changed across restart")
	}
	second.stop(t)
}

// assertShutdownOrder checks the order of STYLE.md: HTTP, then the
// pipeline, then (after the pool) PostgreSQL.
func assertShutdownOrder(t *testing.T, log string) {
	t.Helper()
	last := -1
	for _, event := range []string{"web server stopped", "pipeline stopped", "postgresql stopped"} {
		i := strings.Index(log, event)
		if i < 0 || i < last {
			t.Fatalf("want web server, pipeline, postgresql stopped in this order:\n%s", log)
		}
		last = i
	}
}
