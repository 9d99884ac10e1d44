package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/prophasis/prophasis/agent"
	"github.com/prophasis/prophasis/agent/identity"
)

func newInitCmd() *cobra.Command {
	var (
		configPath, listen, pluginDir string
		hosts                         []string
		force                         bool
	)
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Create the configuration, access key and TLS certificate",
		Long: `init writes the agent configuration (YAML), a self-signed ECDSA P-256
certificate and its private key next to it, and generates a random access key.
The agent stores only the key's SHA-256. The key and the certificate's SHA-256
fingerprint are printed once: enter both in the core when adding this host.
Running init again replaces the key and certificate only with --force.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(hosts) == 0 {
				name, _ := os.Hostname()
				hosts = []string{name, "localhost", "127.0.0.1"}
			}
			return initAgent(cmd.OutOrStdout(), configPath, listen, pluginDir, hosts, force)
		},
	}
	f := cmd.Flags()
	f.StringVar(&configPath, "config", defaultConfigPath(), "configuration file to write")
	f.StringVar(&listen, "listen", fmt.Sprintf(":%d", agent.DefaultPort), "address to serve HTTPS on")
	f.StringVar(&pluginDir, "plugin-dir", "plugins", "plugin directory (relative to the configuration file)")
	f.StringSliceVar(&hosts, "host", nil, "host names and IPs for the certificate (default: this host's name, localhost)")
	f.BoolVar(&force, "force", false, "replace an existing configuration, key and certificate")
	return cmd
}

func initAgent(out io.Writer, configPath, listen, pluginDir string, hosts []string, force bool) error {
	if _, err := os.Stat(configPath); err == nil && !force {
		return fmt.Errorf("%s exists; use --force to replace the key and certificate", configPath)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir := filepath.Dir(configPath)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	key, err := identity.NewKey()
	if err != nil {
		return err
	}
	cert, err := identity.NewCert(hosts, time.Now())
	if err != nil {
		return err
	}
	cfg := agent.Defaults()
	cfg.Listen, cfg.PluginDir, cfg.AuthKeySHA256 = listen, pluginDir, identity.HashKey(key)
	raw, err := yaml.Marshal(cfg)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
		mode fs.FileMode
	}{
		{filepath.Join(dir, cfg.KeyFile), cert.KeyPEM, 0o600},
		{filepath.Join(dir, cfg.CertFile), cert.CertPEM, 0o644},
		{configPath, append([]byte("# prophasis-agent configuration, written by prophasis-agent init.\n"), raw...), 0o600},
	} {
		if err := os.WriteFile(f.name, f.data, f.mode); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	_, err = fmt.Fprintf(out, `Agent initialised: %s
Enter these in the Prophasis core when adding this host:

  key:         %s
  fingerprint: %s

The key is shown only now (the agent keeps only its SHA-256).
Start the agent with: prophasis-agent run --config %s
`, configPath, key, cert.Fingerprint, configPath)
	return err
}
