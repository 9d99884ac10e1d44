// Package secretbox encrypts small secrets (agent keys, notifier passwords)
// before they are stored in the database, with AES-256-GCM keyed by the
// server secret. A database dump alone therefore reveals no agent key.
//
// Each purpose ("agent-key", "notifier") derives its own key from the server
// secret with HKDF, so a ciphertext of one kind cannot be passed off as
// another. Ciphertexts start with a version byte so the format can change.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// MinSecretLen is the shortest server secret accepted (256 bits).
const MinSecretLen = 32

const version = 1

// ErrDecrypt is returned for any ciphertext that does not open: wrong server
// secret, wrong purpose, truncated or tampered data.
var ErrDecrypt = errors.New("secretbox: cannot decrypt (wrong server secret or corrupted data)")

// Box seals and opens secrets for one purpose. It is safe for concurrent use.
type Box struct {
	aead cipher.AEAD
}

// New derives the key for purpose from the server secret.
func New(secret []byte, purpose string) (*Box, error) {
	if len(secret) < MinSecretLen {
		return nil, fmt.Errorf("secretbox: server secret has %d bytes, need at least %d", len(secret), MinSecretLen)
	}
	key, err := hkdf.Key(sha256.New, secret, nil, "prophasis secretbox "+purpose, 32)
	if err != nil {
		return nil, fmt.Errorf("secretbox: derive key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal encrypts plaintext with a fresh random nonce: version || nonce || ciphertext.
func (b *Box) Seal(plaintext []byte) []byte {
	out := make([]byte, 1+b.aead.NonceSize(), 1+b.aead.NonceSize()+len(plaintext)+b.aead.Overhead())
	out[0] = version
	rand.Read(out[1:]) // never fails (crypto/rand panics on a broken OS source)
	return b.aead.Seal(out, out[1:], plaintext, out[:1])
}

// Open decrypts what Seal produced; any other input yields ErrDecrypt.
func (b *Box) Open(sealed []byte) ([]byte, error) {
	n := b.aead.NonceSize()
	if len(sealed) < 1+n+b.aead.Overhead() || sealed[0] != version {
		return nil, ErrDecrypt
	}
	plain, err := b.aead.Open(nil, sealed[1:1+n], sealed[1+n:], sealed[:1])
	if err != nil {
		return nil, ErrDecrypt
	}
	return plain, nil
}
