package core

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// TestRetentionPass: in plain mode a pass deletes results older than the
// raw retention (90 days by default) and keeps the recent ones.
func TestRetentionPass(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	ctx := context.Background()
	host := hostWithPlugin(t, db)
	now := time.Now().UTC()
	var rows []storage.Result
	for _, age := range []time.Duration{100 * 24 * time.Hour, 91 * 24 * time.Hour, time.Hour} {
		rows = append(rows, storage.Result{Time: now.Add(-age), HostID: host, PluginID: "test.cpu", Status: "ok",
			Classification: state.OK})
	}
	if _, err := storage.CopyResults(ctx, db, rows); err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{DB: db, Secret: make([]byte, 32), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.prune(ctx); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM results`).Scan(&left); err != nil || left != 1 {
		t.Fatalf("%d results left (%v), want the recent one", left, err)
	}
}

// hostWithPlugin inserts host "h" and plugin test.cpu and returns the
// host's id.
func hostWithPlugin(t *testing.T, db *pgxpool.Pool) int64 {
	t.Helper()
	ctx := context.Background()
	var host int64
	if err := db.QueryRow(ctx, `INSERT INTO hosts (name, address) VALUES ('h', '127.0.0.1') RETURNING id`).Scan(&host); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO plugins (id, name) VALUES ('test.cpu', 'CPU')`); err != nil {
		t.Fatal(err)
	}
	return host
}
