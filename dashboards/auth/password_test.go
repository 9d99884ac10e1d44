package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// cheap keeps tests fast; the format and code path are the same as default.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashVerify(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(cheap, 2)
	enc, err := h.Hash(ctx, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("unexpected encoding %q", enc)
	}
	other, _ := h.Hash(ctx, "correct horse")
	if other == enc {
		t.Fatal("same password hashed twice gives the same string (salt not random)")
	}
	tests := []struct {
		name, password, encoded string
		want                    bool
	}{
		{"right password", "correct horse", enc, true},
		{"wrong password", "correct horsE", enc, false},
		{"empty hash (unknown user)", "correct horse", "", false},
		{"dummy password against empty hash", "no user has this password", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := h.Verify(ctx, tt.password, tt.encoded)
			if err != nil || ok != tt.want {
				t.Fatalf("Verify = %v, %v; want %v", ok, err, tt.want)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, s := range []string{
		"$2a$10$bcrypt", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=9999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=99,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=0$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$!!$a2V5a2V5a2V5a2V5a2V5",
	} {
		if _, err := NewHasher(cheap, 1).Verify(context.Background(), "x", s); !errors.Is(err, ErrBadHash) {
			t.Errorf("Verify(%q) err = %v, want ErrBadHash", s, err)
		}
	}
}

func TestHashingWaitsForSlot(t *testing.T) {
	h := NewHasher(cheap, 1)
	h.sem <- struct{}{} // the only slot is busy
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "x"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Hash with busy slots and cancelled ctx: err = %v", err)
	}
	if _, err := h.Verify(ctx, "x", ""); !errors.Is(err, context.Canceled) {
		t.Fatalf("Verify with busy slots and cancelled ctx: err = %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	enc, _ := NewHasher(cheap, 1).Hash(context.Background(), "seed")
	f.Add(enc)
	f.Add("$argon2id$v=19$m=1,t=1,p=1$$")
	f.Fuzz(func(t *testing.T, s string) {
		p, salt, key, err := decode(s)
		if err == nil && (p.Memory > 1<<20 || p.Time > 10 || len(salt) < 8 || len(key) < 16) {
			t.Fatalf("accepted out-of-bounds hash %q", s)
		}
	})
}
