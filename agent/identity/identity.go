// Package identity creates and checks the two secrets that tie an agent to
// the core: the random access key (the agent keeps only its SHA-256) and the
// self-signed TLS certificate whose fingerprint the core pins.
package identity

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"strings"
)

// KeyBytes is the length of an access key before hex encoding. 32 random
// bytes cannot be guessed, so a fast hash (not argon2) is enough to store
// it, and checking a request costs microseconds.
const KeyBytes = 32

// NewKey returns a fresh access key as 64 hex characters.
func NewKey() (string, error) {
	b := make([]byte, KeyBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("identity: random key: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// HashKey returns the hex SHA-256 of a key, the only form the agent stores.
func HashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// KeyMatches compares a presented key with a stored hash in constant time.
func KeyMatches(presented, storedHash string) bool {
	want, err := hex.DecodeString(storedHash)
	if err != nil || len(want) != sha256.Size {
		return false
	}
	got := sha256.Sum256([]byte(presented))
	return subtle.ConstantTimeCompare(got[:], want) == 1
}

// Fingerprint returns the hex SHA-256 of a DER certificate, the value an
// admin pastes into the core and the core pins.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// NormalizeFingerprint accepts the forms admins paste (upper case, colons,
// spaces, a "sha256:" prefix) and returns lower-case hex, or an error.
func NormalizeFingerprint(s string) (string, error) {
	s = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "sha256:")
	s = strings.NewReplacer(":", "", " ", "").Replace(s)
	if b, err := hex.DecodeString(s); err != nil || len(b) != sha256.Size {
		return "", fmt.Errorf("identity: fingerprint must be 64 hex characters (SHA-256 of the certificate)")
	}
	return s, nil
}
