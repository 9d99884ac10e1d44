package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/dashboards"
	"github.com/prophasis/prophasis/dashboards/api/heartbeat"
	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/internal/schema"
)

func newServeCmd(logger *slog.Logger) *cobra.Command {
	var db, secretFile string
	cfg := config.Server{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the server on an existing PostgreSQL (production); the schema must be migrated",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if cfg.DatabaseURL, err = databaseURL(db); err != nil {
				return err
			}
			if secretFile == "" {
				secretFile = os.Getenv(config.EnvSecretFile)
			}
			if cfg.Secret, err = config.LoadSecret(secretFile); err != nil {
				return err
			}
			if err := cfg.Validate(); err != nil {
				return err
			}
			pool, err := openPool(cmd.Context(), cfg.DatabaseURL)
			if err != nil {
				return err
			}
			defer pool.Close()
			if err := checkSchema(cmd.Context(), pool); err != nil {
				return err
			}
			return runServer(cmd.Context(), logger, cfg, pool)
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVar(&secretFile, "secret-file", "", "file with the server secret, base64 of 32 bytes (default $"+config.EnvSecretFile+")")
	cmd.Flags().StringVar(&cfg.Listen, "listen", config.DefaultListen, "web address; 0.0.0.0:8080 only behind a firewall or reverse proxy")
	return cmd
}

// openPool connects and pings, so a wrong URL fails at start, not at the
// first request.
func openPool(ctx context.Context, dsn config.DSN) (*pgxpool.Pool, error) {
	pool, err := pgxpool.New(ctx, string(dsn))
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", config.Redact(string(dsn)), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to %s: %w", config.Redact(string(dsn)), err)
	}
	return pool, nil
}

// checkSchema refuses to serve a database this binary does not match.
func checkSchema(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("check schema: %w", err)
	}
	defer conn.Release()
	st, err := schema.Check(ctx, conn.Conn())
	switch {
	case errors.Is(err, schema.ErrOutOfDate):
		return fmt.Errorf("the database schema is at version %d but this prophasis needs %d: "+
			"run `prophasis migrate --db ...` first (serve never changes the schema by itself)", st.Version, st.Latest)
	case errors.Is(err, schema.ErrTooNew):
		return fmt.Errorf("the database schema (version %d) is newer than this prophasis (%d): upgrade the binary", st.Version, st.Latest)
	case err != nil:
		return fmt.Errorf("check schema: %w", err)
	}
	return nil
}

// baseURL is where a browser on this machine reaches the web app; an
// unspecified listen address (0.0.0.0, ::) is shown as localhost.
func baseURL(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("http://localhost:%d/", tcp.Port)
	}
	return "http://" + addr.String() + "/"
}

// runServer runs every role of the server on pool until ctx ends (the web
// app and the monitoring pipeline), then shuts them down in order: HTTP
// first, then the pipeline in its own order (scheduler, checks, ingest,
// alerts). If the pipeline fails, the web app stops too: a monitoring
// server that no longer monitors must not look healthy. The caller closes
// the pool (and stops an embedded PostgreSQL) after it returns.
func runServer(ctx context.Context, logger *slog.Logger, cfg config.Server, pool *pgxpool.Pool) error {
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	base := baseURL(ln.Addr())
	pipeline, err := core.New(core.Config{DB: pool, Secret: cfg.Secret, BaseURL: base, Logger: logger})
	if err != nil {
		ln.Close()
		return err
	}
	beats, err := heartbeat.NewChecker(heartbeat.Config{DB: pool, Sink: pipeline, Logger: logger})
	if err != nil {
		ln.Close()
		return err
	}
	web, err := dashboards.New(dashboards.Deps{DB: pool, Logger: logger, Secret: cfg.Secret, Results: pipeline})
	if err != nil {
		ln.Close()
		return err
	}
	logger.Info("prophasis is running", "url", base, "config", cfg)
	if link, created, err := dashboards.EnsureSetupLink(ctx, pool, base); err != nil {
		logger.Error("first-admin setup link", "err", err)
	} else if created {
		logger.Info("no user exists yet: open this one-time link to create the first administrator", "setup_url", link)
	}
	webCtx, stopWeb := context.WithCancel(ctx)
	defer stopWeb()
	coreCtx, stopCore := context.WithCancel(context.WithoutCancel(ctx))
	coreDone := make(chan error, 1)
	go func() { coreDone <- pipeline.Run(coreCtx); stopWeb() }()
	go beats.Run(coreCtx) // missed heartbeats become critical results
	err = web.Serve(webCtx, ln)
	logger.Info("web server stopped")
	stopCore()
	return errors.Join(err, <-coreDone)
}
