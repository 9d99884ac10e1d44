package main

import (
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"
)

// newRootCmd lists the agent's subcommands.
func newRootCmd(logger *slog.Logger) *cobra.Command {
	root := &cobra.Command{
		Use:   "prophasis-agent",
		Short: "Prophasis agent: runs monitoring plugins pushed by the Prophasis core",
		Long: `prophasis-agent runs on every monitored host.

  prophasis-agent init   creates the configuration, a random access key and a
                         self-signed TLS certificate, and prints the key and the
                         certificate fingerprint once: paste both into the core
                         when adding the host.
  prophasis-agent run    serves the agent API over HTTPS (port 4048 by default).
  prophasis-agent mock   a fake agent answering from a JSON file, for tests.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newInitCmd(),
		newRunCmd(logger),
		newMockCmd(logger),
		newVersionCmd(),
		newHealthcheckCmd(),
	)
	return root
}

// defaultConfigPath is where init writes and run reads the configuration.
func defaultConfigPath() string {
	if runtime.GOOS == "windows" {
		base := os.Getenv("ProgramData")
		if base == "" {
			base = `C:\ProgramData`
		}
		return filepath.Join(base, "prophasis-agent", "agent.yaml")
	}
	return "/etc/prophasis-agent/agent.yaml"
}
