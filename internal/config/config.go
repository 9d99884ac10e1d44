// Package config is the typed configuration of the server process: where
// the database is, where to listen, where the data lives and the server
// secret. Values come from flags and environment variables in cmd/prophasis;
// this package validates them and keeps secrets out of logs.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
)

// Environment variables read by the server commands.
const (
	EnvDatabaseURL = "PROPHASIS_DATABASE_URL"
	EnvSecretFile  = "PROPHASIS_SECRET_FILE"
	EnvDataDir     = "PROPHASIS_DATA_DIR"
)

// DefaultListen serves on loopback only: binding 0.0.0.0 is for production
// hosts behind a firewall or a reverse proxy.
const DefaultListen = "127.0.0.1:8080"

// Server is the configuration `up` and `serve` run with.
type Server struct {
	// DatabaseURL is the external PostgreSQL; empty means `up` runs its own.
	DatabaseURL DSN
	// Listen is the web app's host:port.
	Listen string
	// DataDir holds the embedded PostgreSQL cluster and the secret (`up`).
	DataDir string
	// Secret encrypts agent keys and notifier secrets at rest.
	Secret Secret
}

// Validate reports the first setting that cannot work, in words a user can act on.
func (s Server) Validate() error {
	if _, _, err := net.SplitHostPort(s.Listen); err != nil {
		return fmt.Errorf("config: --listen %q: want host:port, e.g. %s: %w", s.Listen, DefaultListen, err)
	}
	if len(s.Secret) != SecretSize {
		return fmt.Errorf("config: server secret must be %d bytes, have %d", SecretSize, len(s.Secret))
	}
	return nil
}

// LogValue lets the whole configuration be logged: secrets come out redacted.
func (s Server) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Any("database", s.DatabaseURL),
		slog.String("listen", s.Listen),
		slog.String("data_dir", s.DataDir),
		slog.Any("secret", s.Secret),
	)
}

// DefaultDataDir is where `up` keeps its state: /var/lib/prophasis for root
// (PostgreSQL runs as the postgres user, which cannot enter /root), else
// $XDG_DATA_HOME/prophasis or ~/.local/share/prophasis.
func DefaultDataDir() (string, error) {
	if os.Geteuid() == 0 {
		return "/var/lib/prophasis", nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "prophasis"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", errors.New("config: no home directory to keep data in; pass --data-dir")
	}
	return filepath.Join(home, ".local", "share", "prophasis"), nil
}
