package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/doctor"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/sched/agentrun"
)

func newDoctorCmd(logger *slog.Logger) *cobra.Command {
	var db, secretFile string
	var noLog bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the database, its background jobs, rollups, retention, disk use and every agent",
		Long: `doctor prints one line per finding (ok, warn or fail) and writes the findings
to the system log, so the web app shows them too. Agents are only checked when
the server secret is given (it opens their keys). The exit code is 1 when any
check fails.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dsn, err := databaseURL(db)
			if err != nil {
				return err
			}
			pool, err := pgxpool.New(cmd.Context(), string(dsn))
			if err != nil {
				return fmt.Errorf("database %s: %w", config.Redact(string(dsn)), err)
			}
			defer pool.Close()
			d := &doctor.Doctor{DB: pool}
			if secretFile == "" {
				secretFile = os.Getenv(config.EnvSecretFile)
			}
			if secretFile != "" {
				if err := withAgents(d, secretFile); err != nil {
					return err
				}
				defer d.Client.Close()
			}
			findings := d.Run(cmd.Context())
			if err := doctor.WriteTable(cmd.OutOrStdout(), findings); err != nil {
				return err
			}
			if !noLog && findings[0].Status != doctor.Fail {
				if err := doctor.Log(cmd.Context(), pool, findings); err != nil {
					logger.Warn("findings not written to the system log", "err", err)
				}
			}
			if doctor.Worst(findings) == doctor.Fail {
				return errors.New("doctor: some checks failed")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVar(&secretFile, "secret-file", "", "server secret, to check agents (default $"+config.EnvSecretFile+")")
	cmd.Flags().BoolVar(&noLog, "no-log", false, "do not write the findings to the system log")
	return cmd
}

// withAgents lets d open agent keys with the server secret.
func withAgents(d *doctor.Doctor, secretFile string) error {
	secret, err := config.LoadSecret(secretFile)
	if err != nil {
		return err
	}
	keys, err := secretbox.New(secret, "agent-key")
	if err != nil {
		return err
	}
	d.Hosts = agentrun.DBHosts{DB: d.DB, Keys: keys}
	d.Client = client.New(client.Options{})
	return nil
}
