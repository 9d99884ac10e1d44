package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/demo"
)

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
