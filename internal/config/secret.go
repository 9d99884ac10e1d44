package config

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
)

// SecretSize is the length of the server secret in bytes (an AES-256 key).
const SecretSize = 32

// Secret is the server secret. It prints and logs as "[redacted]" so a
// stray %v or slog attribute cannot leak it; use it as []byte(s).
type Secret []byte

// String hides the value from fmt.
func (Secret) String() string { return "[redacted]" }

// GoString hides the value from %#v.
func (Secret) GoString() string { return "[redacted]" }

// LogValue hides the value from slog.
func (Secret) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// ParseSecret reads a secret file's contents: the base64 of 32 random bytes
// (what `openssl rand -base64 32` prints), surrounding whitespace ignored.
func ParseSecret(data []byte) (Secret, error) {
	text := bytes.TrimSpace(data)
	key := make([]byte, base64.StdEncoding.DecodedLen(len(text)))
	n, err := base64.StdEncoding.Decode(key, text)
	if err != nil || n != SecretSize {
		return nil, fmt.Errorf("config: a secret file holds the base64 of %d random bytes "+
			"(create one with: openssl rand -base64 %d)", SecretSize, SecretSize)
	}
	return Secret(key[:n]), nil
}

// LoadSecret reads the secret file at path (for `serve`, whose secret is
// provisioned like any other production credential).
func LoadSecret(path string) (Secret, error) {
	if path == "" {
		return nil, fmt.Errorf("config: no server secret: pass --secret-file or set %s "+
			"(create one with: openssl rand -base64 %d > /etc/prophasis/secret; chmod 600 it)", EnvSecretFile, SecretSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: read server secret: %w", err)
	}
	s, err := ParseSecret(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// EnsureSecret loads the secret at path, creating it (mode 0600) on first
// use: `up` keeps it in its data directory so a restart can still decrypt
// what the last run stored.
func EnsureSecret(path string) (Secret, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("config: create secret directory: %w", err)
	}
	key := make([]byte, SecretSize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("config: generate server secret: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return LoadSecret(path)
	}
	if err != nil {
		return nil, fmt.Errorf("config: create server secret: %w", err)
	}
	_, err = fmt.Fprintln(f, base64.StdEncoding.EncodeToString(key))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return nil, fmt.Errorf("config: write server secret: %w", err)
	}
	return Secret(key), nil
}
