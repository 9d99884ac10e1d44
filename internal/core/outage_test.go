package core_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/internal/pgserver"
	"github.com/prophasis/prophasis/internal/schema"
	"github.com/prophasis/prophasis/internal/state"
)

// TestPipelineSurvivesDatabaseOutage stops PostgreSQL under a running
// pipeline: checks resume when it returns, and at shutdown every result the
// dispatcher handed to ingest is in the results table.
func TestPipelineSurvivesDatabaseOutage(t *testing.T) {
	t.Parallel()
	srv, cfg, pool := privateServer(t)
	w := newWorld(t, pool)
	c, err := core.New(core.Config{DB: pool, Secret: secret, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Ingest:    ingest.Config{FlushEvery: 20 * time.Millisecond, RetryMin: 10 * time.Millisecond, RetryMax: 100 * time.Millisecond},
		AlertTick: 20 * time.Millisecond, GroupWait: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	w.waitHealth(state.OK)

	if err := srv.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Second) // the outage of issue 4: checks keep failing to be scheduled or stored
	if srv, err = pgserver.Start(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop(context.Background()) })
	after := c.IngestStats().Written
	w.setValue(90)
	w.waitHealth(state.Critical)
	if c.IngestStats().Written <= after {
		t.Fatal("no result written after the database returned")
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	d, in := c.DispatchStats(), c.IngestStats()
	var stored int64
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM results`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if accepted := d.Completed - d.SinkErrors; stored != accepted || in.Held != 0 || in.Rejected != 0 {
		t.Fatalf("%d results stored, %d accepted by ingest (dispatch %+v, ingest %+v)", stored, accepted, d, in)
	}
}

// privateServer starts a migrated PostgreSQL this test may stop and start.
func privateServer(t *testing.T) (*pgserver.Server, pgserver.Config, *pgxpool.Pool) {
	t.Helper()
	dir, err := os.MkdirTemp("", "prophasis-core-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o711); err != nil { // as root, PostgreSQL runs as postgres
		t.Fatal(err)
	}
	cfg := pgserver.Config{Dir: filepath.Join(dir, "pg"), Throwaway: true}
	ctx := context.Background()
	srv, err := pgserver.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop(context.Background()) })
	conn, err := pgx.Connect(ctx, srv.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := schema.Migrate(ctx, conn, schema.Options{Mode: schema.ModePlain}); err != nil {
		t.Fatal(err)
	}
	pcfg, err := pgxpool.ParseConfig(srv.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	pcfg.ConnConfig.ConnectTimeout = time.Second
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	cfg.Port = srv.Port()
	return srv, cfg, pool
}
