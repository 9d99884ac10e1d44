package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/schema"
)

func newMigrateCmd(logger *slog.Logger) *cobra.Command {
	var db, storage string
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Create or upgrade the database schema (run before `serve` after an upgrade)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dsn, err := databaseURL(db)
			if err != nil {
				return err
			}
			mode, err := parseStorage(storage)
			if err != nil {
				return err
			}
			st, err := migrateDB(cmd.Context(), logger, dsn, mode)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "schema version %d of %d, storage mode %s\n", st.Version, st.Latest, st.Mode)
			return err
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVar(&storage, "storage", "auto", "storage mode of a new database: auto (timescale when available), plain or timescale")
	return cmd
}

// databaseURL is the --db flag, else $PROPHASIS_DATABASE_URL. The variable
// is not the flag's default so that --help never prints a password.
func databaseURL(flag string) (config.DSN, error) {
	if flag == "" {
		flag = os.Getenv(config.EnvDatabaseURL)
	}
	if flag == "" {
		return "", fmt.Errorf("no database: pass --db postgres://... or set %s", config.EnvDatabaseURL)
	}
	return config.DSN(flag), nil
}

func parseStorage(s string) (schema.Mode, error) {
	switch s {
	case "auto", "":
		return "", nil
	case string(schema.ModePlain), string(schema.ModeTimescale):
		return schema.Mode(s), nil
	}
	return "", fmt.Errorf("--storage %q: want auto, plain or timescale", s)
}

// migrateDB applies pending migrations on its own connection.
func migrateDB(ctx context.Context, logger *slog.Logger, dsn config.DSN, mode schema.Mode) (schema.Status, error) {
	conn, err := pgx.Connect(ctx, string(dsn))
	if err != nil {
		return schema.Status{}, fmt.Errorf("connect to %s: %w", config.Redact(string(dsn)), err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	st, err := schema.Migrate(ctx, conn, schema.Options{Mode: mode})
	if err != nil {
		return st, err
	}
	logger.Info("database schema up to date", "version", st.Version, "storage_mode", st.Mode, "timescaledb", st.Timescale)
	return st, nil
}
