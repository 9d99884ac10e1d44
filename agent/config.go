// Package agent is the Prophasis agent: an HTTPS API (protocol v1, see
// docs/agent.md) that installs plugin archives pushed by the core and runs
// them with a timeout. It must build for every OS the agent ships on, so it
// imports no database, web framework or Lua code.
package agent

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// DefaultPort is the agent's registered port.
const DefaultPort = 4048

// Config is the agent's configuration file (YAML, or JSON when the file name
// ends in .json). Relative paths are relative to the file's directory.
type Config struct {
	Listen    string `yaml:"listen" json:"listen"`
	PluginDir string `yaml:"plugin_dir" json:"plugin_dir"`
	CertFile  string `yaml:"cert_file" json:"cert_file"`
	KeyFile   string `yaml:"key_file" json:"key_file"`
	// AuthKeySHA256 is the hex SHA-256 of the access key; the key itself
	// is never stored on the agent.
	AuthKeySHA256     string   `yaml:"auth_key_sha256" json:"auth_key_sha256"`
	DefaultTimeout    Duration `yaml:"default_timeout" json:"default_timeout"`
	MaxTimeout        Duration `yaml:"max_timeout" json:"max_timeout"`
	MaxConcurrentRuns int      `yaml:"max_concurrent_runs" json:"max_concurrent_runs"`
	MaxOutputBytes    int      `yaml:"max_output_bytes" json:"max_output_bytes"`
	MaxArchiveBytes   int64    `yaml:"max_archive_bytes" json:"max_archive_bytes"`
	// ShutdownGrace is how long running plugins may finish on SIGTERM
	// before they are killed.
	ShutdownGrace Duration `yaml:"shutdown_grace" json:"shutdown_grace"`
}

// Duration reads "30s" or "2m" in YAML and JSON.
type Duration time.Duration

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	*d = Duration(v)
	return err
}

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// Defaults returns a configuration with every optional field set.
func Defaults() Config {
	return Config{
		Listen:            fmt.Sprintf(":%d", DefaultPort),
		PluginDir:         "plugins",
		CertFile:          "agent.crt",
		KeyFile:           "agent.key",
		DefaultTimeout:    Duration(30 * time.Second),
		MaxTimeout:        Duration(10 * time.Minute),
		MaxConcurrentRuns: 4,
		MaxOutputBytes:    64 << 10,
		MaxArchiveBytes:   64 << 20,
		ShutdownGrace:     Duration(10 * time.Second),
	}
}

// LoadConfig reads a config file over Defaults; unknown keys are errors.
func LoadConfig(path string) (Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("agent: config: %w", err)
	}
	cfg := Defaults()
	if strings.HasSuffix(path, ".json") {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		err = dec.Decode(&cfg)
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(raw))
		dec.KnownFields(true)
		err = dec.Decode(&cfg)
	}
	if err != nil {
		return Config{}, fmt.Errorf("agent: config %s: %w", path, err)
	}
	base := filepath.Dir(path)
	for _, p := range []*string{&cfg.PluginDir, &cfg.CertFile, &cfg.KeyFile} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(base, *p)
		}
	}
	return cfg, cfg.Validate()
}

// Validate reports every invalid field.
func (c Config) Validate() error {
	var errs []error
	if c.Listen == "" || c.PluginDir == "" || c.CertFile == "" || c.KeyFile == "" {
		errs = append(errs, errors.New("listen, plugin_dir, cert_file and key_file are required"))
	}
	if b, err := hex.DecodeString(c.AuthKeySHA256); err != nil || len(b) != sha256.Size {
		errs = append(errs, errors.New("auth_key_sha256 must be the 64-hex SHA-256 of the access key (run prophasis-agent init)"))
	}
	if c.DefaultTimeout <= 0 || c.MaxTimeout < c.DefaultTimeout || c.ShutdownGrace < 0 {
		errs = append(errs, errors.New("default_timeout must be positive and not above max_timeout; shutdown_grace not negative"))
	}
	if c.MaxConcurrentRuns < 1 || c.MaxOutputBytes < 1024 || c.MaxArchiveBytes < 1<<20 {
		errs = append(errs, errors.New("max_concurrent_runs ≥ 1, max_output_bytes ≥ 1024 and max_archive_bytes ≥ 1 MiB"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("agent: config: %w", errors.Join(errs...))
	}
	return nil
}
