package localagent

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prophasis/prophasis/agent/identity"
)

// Files of the local agent's identity inside its directory.
const (
	keyFile  = "access.key"
	certFile = "agent.crt"
	certKey  = "agent.key"
)

// Identity is the local agent's access key and TLS certificate. They are
// created once in the agent's directory and reused, so the host row's
// sealed key and pinned fingerprint stay valid across restarts.
type Identity struct {
	Key         string
	Cert        tls.Certificate
	Fingerprint string
}

// LoadIdentity reads the identity from dir, creating it the first time.
func LoadIdentity(dir string, now time.Time) (Identity, error) {
	key, err := os.ReadFile(filepath.Join(dir, keyFile))
	if errors.Is(err, fs.ErrNotExist) {
		if err := createIdentity(dir, now); err != nil {
			return Identity{}, err
		}
		key, err = os.ReadFile(filepath.Join(dir, keyFile))
	}
	if err != nil {
		return Identity{}, fmt.Errorf("localagent: access key: %w", err)
	}
	cert, err := tls.LoadX509KeyPair(filepath.Join(dir, certFile), filepath.Join(dir, certKey))
	if err != nil {
		return Identity{}, fmt.Errorf("localagent: certificate: %w", err)
	}
	return Identity{Key: strings.TrimSpace(string(key)), Cert: cert, Fingerprint: identity.CertFingerprint(cert)}, nil
}

// createIdentity writes a new key and certificate; the key file is written
// last, so a crash in between leaves no half identity behind.
func createIdentity(dir string, now time.Time) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("localagent: %w", err)
	}
	key, err := identity.NewKey()
	if err != nil {
		return err
	}
	cert, err := identity.NewCert([]string{"127.0.0.1", "localhost"}, now)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{certFile, cert.CertPEM}, {certKey, cert.KeyPEM}, {keyFile, []byte(key + "\n")}} {
		if err := writeFile(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes a private file atomically (temporary file, rename).
func writeFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("localagent: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("localagent: %w", err)
	}
	return nil
}
