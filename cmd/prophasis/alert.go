package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/internal/config"
)

// newAlertCmd groups alerting maintenance: for now, sending a test
// notification through every notifier of a rule.
func newAlertCmd(logger *slog.Logger) *cobra.Command {
	cmd := &cobra.Command{Use: "alert", Short: "Alerting tools"}
	cmd.AddCommand(newAlertTestCmd(logger))
	return cmd
}

func newAlertTestCmd(logger *slog.Logger) *cobra.Command {
	var db, secretFile, baseURL string
	cmd := &cobra.Command{
		Use:   "test RULE-ID",
		Short: "Send a test notification through each notifier of an alert rule and report what failed",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("rule id %q: want a number", args[0])
			}
			dsn, err := databaseURL(db)
			if err != nil {
				return err
			}
			if secretFile == "" {
				secretFile = os.Getenv(config.EnvSecretFile)
			}
			secret, err := config.LoadSecret(secretFile)
			if err != nil {
				return err
			}
			pool, err := openPool(cmd.Context(), dsn)
			if err != nil {
				return err
			}
			defer pool.Close()
			eng, err := channels.NewEngine(channels.EngineConfig{DB: pool, Secret: secret, BaseURL: baseURL, Logger: logger})
			if err != nil {
				return err
			}
			err = eng.SendTest(cmd.Context(), id)
			if errors.Is(err, alert.ErrNoRule) {
				return fmt.Errorf("no alert rule with id %d", id)
			}
			if err != nil {
				return fmt.Errorf("test notification failed (see the alert log): %w", err)
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), "test notification sent to every notifier of the rule")
			return err
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "PostgreSQL URL (default $"+config.EnvDatabaseURL+")")
	cmd.Flags().StringVar(&secretFile, "secret-file", "", "file with the server secret (default $"+config.EnvSecretFile+")")
	cmd.Flags().StringVar(&baseURL, "base-url", "", "web app address for links in the message, e.g. https://prophasis.example.com")
	return cmd
}
