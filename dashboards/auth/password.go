// Package auth holds the web app's sign-in building blocks that need no
// database: argon2id password hashing with bounded concurrency, the login
// rate limiter, and random tokens stored only as hashes.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost settings, recorded in every hash so they can
// be raised later without invalidating existing passwords.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// DefaultParams follows OWASP's argon2id recommendation (19 MiB, 2 passes,
// 1 lane): about 30 ms and 19 MiB per hash on a small server.
func DefaultParams() Params {
	return Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// ErrBadHash means a stored hash is not an argon2id string we can verify.
var ErrBadHash = errors.New("auth: malformed password hash")

// Hasher hashes and verifies passwords. Each hash costs Params.Memory, so a
// semaphore caps how many run at once: a burst of sign-ins queues instead
// of exhausting the server's memory.
type Hasher struct {
	params Params
	sem    chan struct{}
	dummy  string // verified against for unknown users, so timing does not tell
}

// NewHasher returns a Hasher running at most concurrency hashes at a time.
func NewHasher(p Params, concurrency int) *Hasher {
	h := &Hasher{params: p, sem: make(chan struct{}, max(concurrency, 1))}
	h.dummy = h.encode(p, make([]byte, p.SaltLen), []byte("no user has this password"))
	return h
}

// Hash returns the PHC-format argon2id hash of password.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	salt := make([]byte, h.params.SaltLen)
	rand.Read(salt)
	return h.encode(h.params, salt, []byte(password)), nil
}

// Verify reports whether password matches encoded. An empty encoded value
// (unknown or disabled user) still costs one hash and returns false.
func (h *Hasher) Verify(ctx context.Context, password, encoded string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	if encoded == "" {
		encoded = h.dummy
	}
	p, salt, want, err := decode(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, want) == 1 && encoded != h.dummy, nil
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("auth: wait for hashing slot: %w", ctx.Err())
	}
}

func (h *Hasher) release() { <-h.sem }

func (h *Hasher) encode(p Params, salt, password []byte) string {
	key := argon2.IDKey(password, salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// decode parses "$argon2id$v=19$m=…,t=…,p=…$salt$key", refusing costs so
// large that a corrupted row could stall the server.
func decode(s string) (Params, []byte, []byte, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return Params{}, nil, nil, ErrBadHash
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return Params{}, nil, nil, ErrBadHash
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 || len(key) > 64 ||
		p.Memory < 8 || p.Memory > 1<<20 || p.Time < 1 || p.Time > 10 || p.Threads < 1 {
		return Params{}, nil, nil, ErrBadHash
	}
	p.KeyLen = uint32(len(key))
	return p, salt, key, nil
}
