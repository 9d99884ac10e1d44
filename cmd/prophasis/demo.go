package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/demo"
	"github.com/prophasis/prophasis/internal/secretbox"
)

// demoPeriod is how often `up --demo` checks the simulated hosts.
const demoPeriod = time.Minute

func newDemoCmd() *cobra.Command {
	var db string
	var days int
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Load the demo estate (six hosts, two services) with generated history, so every report has data",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dsn, err := databaseURL(db)
			if err != nil {
				return err
			}
			pool, err := openPool(cmd.Context(), dsn)
			if err != nil {
				return err
			}
			defer pool.Close()
			return loadDemo(cmd.Context(), cmd.OutOrStdout(), pool, days)
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL of a migrated database (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().IntVar(&days, "days", 30, "days of history to generate")
	return cmd
}

// loadDemo loads the demo data set once; loading it again changes nothing.
func loadDemo(ctx context.Context, out io.Writer, pool *pgxpool.Pool, days int) error {
	sum, err := demo.Load(ctx, pool, demo.Options{Days: days})
	if errors.Is(err, demo.ErrLoaded) {
		_, err = fmt.Fprintln(out, "demo data already loaded; nothing changed")
		return err
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "demo data loaded: %d hosts, %d results, %d state changes, %d health changes\n",
		sum.Hosts, sum.Results, sum.StateChanges, sum.HealthChanges)
	return err
}

// startDemoAgent serves the simulated hosts from an in-process mock agent
// (data file in the data directory's demo/) and schedules their checks, so
// live results continue the generated history. The returned stop ends the
// mock; call it after the pipeline has drained.
func startDemoAgent(ctx context.Context, logger *slog.Logger, cfg config.Server, pool *pgxpool.Pool) (func(), error) {
	box, err := secretbox.New(cfg.Secret, "agent-key")
	if err != nil {
		return nil, fmt.Errorf("demo agent: %w", err)
	}
	logger = logger.With("component", "demo-agent")
	live, err := demo.StartLive(ctx, pool, demo.LiveConfig{Dir: filepath.Join(cfg.DataDir, "demo"),
		Period: demoPeriod, SealKey: box.Seal, Logger: logger})
	if err != nil {
		return nil, fmt.Errorf("demo agent: %w", err)
	}
	logger.Info("mock agent answering for the demo hosts", "schedule", demo.ScheduleName, "period", demoPeriod)
	return func() {
		if err := live.Close(); err != nil {
			logger.Error("stop demo agent", "err", err)
		}
	}, nil
}
