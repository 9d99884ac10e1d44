package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/pgserver"
	"github.com/prophasis/prophasis/internal/schema"
)

// embeddedDB is the database `up` creates in its own PostgreSQL.
const embeddedDB = "prophasis"

func newUpCmd(logger *slog.Logger) *cobra.Command {
	var db, storage string
	var opts upOptions
	cfg := config.Server{}
	cmd := &cobra.Command{
		Use:   "up",
		Short: "Run everything on this machine: own PostgreSQL (unless --db), migrations, web app",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if opts.mode, err = parseStorage(storage); err != nil {
				return err
			}
			if db == "" {
				db = os.Getenv(config.EnvDatabaseURL)
			}
			cfg.DatabaseURL = config.DSN(db)
			return up(cmd.Context(), logger, cfg, opts)
		},
	}
	dataDir := os.Getenv(config.EnvDataDir)
	if dataDir == "" {
		dataDir, _ = config.DefaultDataDir()
	}
	cmd.Flags().StringVar(&cfg.DataDir, "data-dir", dataDir, "where the embedded PostgreSQL and the server secret live ($"+config.EnvDataDir+")")
	cmd.Flags().StringVar(&cfg.Listen, "listen", config.DefaultListen, "web address; 0.0.0.0:8080 only behind a firewall or reverse proxy")
	cmd.Flags().StringVar(&db, "db", "", "use this PostgreSQL instead of the embedded one (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVar(&storage, "storage", "auto", "storage mode of a new database: auto, plain or timescale")
	cmd.Flags().BoolVar(&opts.noLocalAgent, "no-local-agent", false, "do not run the built-in agent that monitors this machine")
	cmd.Flags().BoolVar(&opts.demo, "demo", false, "load 30 days of simulated hosts, services and incidents (once) and keep them live on a mock agent")
	return cmd
}

// upOptions are the choices of `up` beyond the server configuration.
type upOptions struct {
	mode         schema.Mode
	noLocalAgent bool
	demo         bool
}

// up prepares the data directory, starts PostgreSQL when no external one is
// given, migrates, starts the local agent (unless told not to), and serves.
// PostgreSQL is stopped last, after the web server, the pipeline, the local
// agent and the pool.
func up(ctx context.Context, logger *slog.Logger, cfg config.Server, opts upOptions) error {
	if cfg.DataDir == "" {
		return fmt.Errorf("no data directory: pass --data-dir or set %s", config.EnvDataDir)
	}
	if err := makeDataDir(cfg.DataDir); err != nil {
		return err
	}
	var err error
	if cfg.Secret, err = config.EnsureSecret(filepath.Join(cfg.DataDir, "secret")); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	if cfg.DatabaseURL == "" {
		pg, err := pgserver.Start(ctx, pgserver.Config{Dir: filepath.Join(cfg.DataDir, "pg"), Logger: logger.With("component", "postgresql")})
		if err != nil {
			return err
		}
		defer stopPostgres(logger, pg)
		if err := createDatabase(ctx, pg, embeddedDB); err != nil {
			return err
		}
		cfg.DatabaseURL = config.DSN(pg.DSN(embeddedDB))
	}
	if _, err := migrateDB(ctx, logger, cfg.DatabaseURL, opts.mode); err != nil {
		return err
	}
	pool, err := openPool(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	if opts.demo {
		if err := loadDemo(ctx, os.Stderr, pool, 30); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		stop, err := startDemoAgent(ctx, logger, cfg, pool)
		if err != nil {
			return err
		}
		defer stop()
	}
	if !opts.noLocalAgent {
		stop, err := startLocalAgent(ctx, logger, cfg, pool)
		if err != nil {
			return fmt.Errorf("%w (start with --no-local-agent to run without it)", err)
		}
		defer stop()
	}
	return runServer(ctx, logger, cfg, pool)
}

// makeDataDir creates the data directory. As root it must stay traversable
// (not readable) for the postgres user that owns the cluster inside it.
func makeDataDir(dir string) error {
	mode := os.FileMode(0o700)
	if os.Geteuid() == 0 {
		mode = 0o711
	}
	if err := os.MkdirAll(dir, mode); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	if os.Geteuid() == 0 {
		return os.Chmod(dir, mode)
	}
	return nil
}

// createDatabase creates db in the embedded server on first start.
func createDatabase(ctx context.Context, pg *pgserver.Server, db string) error {
	conn, err := pgx.Connect(ctx, pg.DSN("postgres"))
	if err != nil {
		return fmt.Errorf("connect to embedded postgresql: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, db).Scan(&exists); err != nil {
		return fmt.Errorf("look up database %s: %w", db, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{db}.Sanitize()); err != nil {
		return fmt.Errorf("create database %s: %w", db, err)
	}
	return nil
}

// stopPostgres runs at the very end, with its own deadline: the command's
// context is already cancelled by the signal that got us here.
func stopPostgres(logger *slog.Logger, pg *pgserver.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := pg.Stop(ctx); err != nil {
		logger.Error("stop postgresql", "err", err)
	}
}
