package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/dashboards"
	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/internal/schema"
)

func newServeCmd(logger *slog.Logger) *cobra.Command {
	var db, secretFile, roles, publicURL string
	cfg := config.Server{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the server on an existing PostgreSQL (production); the schema must be migrated",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			scale, err := scaleFromFlag(roles, cmd.Flags().Changed("roles"))
			if err != nil {
				return err
			}
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
			return runRoles(cmd.Context(), logger, cfg, pool, scale, publicURL)
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVar(&secretFile, "secret-file", "", "file with the server secret, base64 of 32 bytes (default $"+config.EnvSecretFile+")")
	cmd.Flags().StringVar(&cfg.Listen, "listen", config.DefaultListen, "web address; 0.0.0.0:8080 only behind a firewall or reverse proxy")
	cmd.Flags().StringVar(&roles, "roles", "", rolesHelp)
	cmd.Flags().StringVar(&publicURL, "base-url", "", "the web app's address as users reach it, for links in notifications (default: from --listen)")
	return cmd
}

// defaultPoolSize is how many connections the server opens at most when
// the URL sets no pool_max_conns. pgx's own default (4 on a 2-core
// machine) is fewer than what runs at once: the ingest writer's batch and
// its health read, the alert engine and its lock, the scheduler's leases
// and the web app's requests.
const defaultPoolSize = 16

// openPool connects and pings, so a wrong URL fails at start, not at the
// first request.
func openPool(ctx context.Context, dsn config.DSN) (*pgxpool.Pool, error) {
	cfg, err := poolConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", config.Redact(string(dsn)), err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", config.Redact(string(dsn)), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to %s: %w", config.Redact(string(dsn)), err)
	}
	return pool, nil
}

// poolConfig parses dsn, with defaultPoolSize unless it sets pool_max_conns.
func poolConfig(dsn config.DSN) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(string(dsn))
	if err != nil {
		return nil, err
	}
	if !strings.Contains(string(dsn), "pool_max_conns") { // the URL and key=value forms both name it so
		cfg.MaxConns = defaultPoolSize
	}
	return cfg, nil
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

// runServer runs every role of the server alone on pool (`up`, and `serve`
// without --roles).
func runServer(ctx context.Context, logger *slog.Logger, cfg config.Server, pool *pgxpool.Pool) error {
	return runRoles(ctx, logger, cfg, pool, core.Scale{}, "")
}

// runRoles runs scale's roles on pool until ctx ends (the web app and the
// monitoring pipeline, or some of them; serve_roles.go), then shuts them
// down in order: HTTP first, then the pipeline in its own order
// (scheduler, checks, ingest, alerts). The caller closes the pool (and
// stops an embedded PostgreSQL) after it returns.
func runRoles(ctx context.Context, logger *slog.Logger, cfg config.Server, pool *pgxpool.Pool, scale core.Scale, publicURL string) error {
	p, base, err := newProcess(logger, cfg, pool, scale, publicURL)
	if err != nil {
		return err
	}
	logger.Info("prophasis is running", "url", base, "roles", scale.Roles.String(), "shared", scale.Shared, "config", cfg)
	if p.web != nil {
		if link, created, err := dashboards.EnsureSetupLink(ctx, pool, base); err != nil {
			logger.Error("first-admin setup link", "err", err)
		} else if created {
			logger.Info("no user exists yet: open this one-time link to create the first administrator", "setup_url", link)
		}
	}
	return p.run(ctx, logger)
}
