package main

import (
	"fmt"
	"log/slog"
	"net"
	"os"

	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/agent"
	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/identity"
	"github.com/prophasis/prophasis/agent/store"
)

func newRunCmd(logger *slog.Logger) *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Serve the agent API over HTTPS",
		Long: `run reads the configuration written by init and serves the agent API
(protocol v1, see docs/agent.md) over HTTPS until SIGINT or SIGTERM; running
plugins get a grace period to finish on shutdown.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := agent.LoadConfig(configPath)
			if err != nil {
				return err
			}
			certPEM, err := os.ReadFile(cfg.CertFile)
			if err != nil {
				return fmt.Errorf("certificate: %w", err)
			}
			keyPEM, err := os.ReadFile(cfg.KeyFile)
			if err != nil {
				return fmt.Errorf("certificate key: %w", err)
			}
			pair, err := identity.Cert{CertPEM: certPEM, KeyPEM: keyPEM}.TLSCertificate()
			if err != nil {
				return err
			}
			log := logger.With("component", "agent")
			st, err := store.Open(cfg.PluginDir, archive.DefaultLimits, log)
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", cfg.Listen)
			if err != nil {
				return err
			}
			log.Info("agent listening", "addr", ln.Addr().String(), "fingerprint", identity.CertFingerprint(pair),
				"plugins", len(st.List()))
			return agent.New(cfg, st, log).Serve(cmd.Context(), ln, pair)
		},
	}
	cmd.Flags().StringVar(&configPath, "config", defaultConfigPath(), "configuration file written by init")
	return cmd
}
