package main

import (
	"log/slog"

	"github.com/spf13/cobra"
)

// newRootCmd builds the command tree. Each subcommand lives in its own file
// and is added here, so this list is the table of contents of the CLI.
func newRootCmd(logger *slog.Logger) *cobra.Command {
	root := &cobra.Command{
		Use:           "prophasis",
		Short:         "Prophasis: infrastructure monitoring with real-time alerts and long-term trends",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newVersionCmd(),
		newHealthcheckCmd(),
		newDoctorCmd(logger),
		newPluginCmd(),
		newUpCmd(logger),
		newDemoCmd(),
		newServeCmd(logger),
		newMigrateCmd(logger),
		newAlertCmd(logger),
		newClassifyCmd(),
		newSQLCmd(),
		newConfigCmd(),
		newUserCmd(logger),
		newBenchCmd(),
	)
	return root
}
