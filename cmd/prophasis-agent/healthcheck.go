package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/prophasis/prophasis/agent"
	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/identity"
)

// newHealthcheckCmd lets a container HEALTHCHECK or service manager ask
// whether the agent is serving. The agent keeps only a hash of its access
// key, so the check cannot call the API; instead it completes a TLS
// handshake on the configured address and requires the agent's own
// certificate, which no other program on the port can present.
func newHealthcheckCmd() *cobra.Command {
	var configPath string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "healthcheck",
		Short: "Exit 0 when the agent serves TLS with its own certificate on its configured address",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
			defer cancel()
			return agentHealthcheck(ctx, configPath)
		},
	}
	cmd.Flags().StringVar(&configPath, "config", defaultConfigPath(), "configuration file written by init")
	cmd.Flags().DurationVar(&timeout, "timeout", 5*time.Second, "give up after this long")
	return cmd
}

func agentHealthcheck(ctx context.Context, configPath string) error {
	cfg, err := agent.LoadConfig(configPath)
	if err != nil {
		return err
	}
	certPEM, err := os.ReadFile(cfg.CertFile)
	if err != nil {
		return fmt.Errorf("healthcheck: certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(cfg.KeyFile)
	if err != nil {
		return fmt.Errorf("healthcheck: certificate key: %w", err)
	}
	pair, err := identity.Cert{CertPEM: certPEM, KeyPEM: keyPEM}.TLSCertificate()
	if err != nil {
		return err
	}
	got, err := client.FetchFingerprint(ctx, loopback(cfg.Listen))
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	if want := identity.CertFingerprint(pair); got != want {
		return fmt.Errorf("healthcheck: %s presents certificate %s, not this agent's %s", cfg.Listen, got, want)
	}
	return nil
}

// loopback dials a wildcard listen address on this machine.
func loopback(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
