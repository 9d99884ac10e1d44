package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgserver"
	"github.com/prophasis/prophasis/internal/schema"
)

// Database is a private PostgreSQL in a temporary directory with the
// Prophasis schema, thrown away by Close.
type Database struct {
	Pool   *pgxpool.Pool
	Mode   schema.Mode
	server *pgserver.Server
	dir    string
}

// StartDatabase starts a throwaway cluster (fsync off: the figures are for
// the code paths, not the disk) and migrates it in the given mode.
func StartDatabase(ctx context.Context, mode schema.Mode) (*Database, error) {
	dir, err := os.MkdirTemp("", "prophasis-bench-")
	if err != nil {
		return nil, fmt.Errorf("bench: temp dir: %w", err)
	}
	if err := os.Chmod(dir, 0o711); err != nil { // as root, PostgreSQL runs as postgres
		return nil, fmt.Errorf("bench: temp dir: %w", err)
	}
	d := &Database{Mode: mode, dir: dir}
	d.server, err = pgserver.Start(ctx, pgserver.Config{Dir: filepath.Join(dir, "pg"), Throwaway: true,
		Settings: map[string]string{"max_connections": "200"}})
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	if err := d.migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func (d *Database) migrate(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, d.server.DSN("postgres"))
	if err != nil {
		return fmt.Errorf("bench: connect: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := schema.Migrate(ctx, conn, schema.Options{Mode: d.Mode}); err != nil {
		return fmt.Errorf("bench: migrate: %w", err)
	}
	cfg, err := pgxpool.ParseConfig(d.server.DSN("postgres"))
	if err != nil {
		return fmt.Errorf("bench: pool config: %w", err)
	}
	cfg.MaxConns = 40
	if d.Pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return fmt.Errorf("bench: pool: %w", err)
	}
	return nil
}

// Versions are the server's PostgreSQL version and the TimescaleDB
// version installed ("" when none), used or not.
func (d *Database) Versions(ctx context.Context) (pg, ts string) {
	_ = d.Pool.QueryRow(ctx, `SHOW server_version`).Scan(&pg)
	_ = d.Pool.QueryRow(ctx, `SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'`).Scan(&ts)
	return pg, ts
}

// Close closes the pool, stops the server and removes its directory. A
// pool still held by a core that did not stop is given 10 s, then the
// server is stopped under it.
func (d *Database) Close() {
	if d.Pool != nil {
		closed := make(chan struct{})
		go func() { d.Pool.Close(); close(closed) }()
		select {
		case <-closed:
		case <-time.After(10 * time.Second):
		}
	}
	_ = d.server.Stop(context.Background())
	_ = os.RemoveAll(d.dir)
}
