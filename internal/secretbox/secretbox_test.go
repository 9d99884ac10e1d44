package secretbox_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/prophasis/prophasis/internal/secretbox"
)

var secret = bytes.Repeat([]byte{7}, 32)

func box(t testing.TB, secret []byte, purpose string) *secretbox.Box {
	t.Helper()
	b, err := secretbox.New(secret, purpose)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRoundTripAndNonceIsFresh(t *testing.T) {
	b := box(t, secret, "agent-key")
	s1, s2 := b.Seal([]byte("k3y")), b.Seal([]byte("k3y"))
	if bytes.Equal(s1, s2) {
		t.Fatal("two seals of the same plaintext are identical (nonce reused)")
	}
	if bytes.Contains(s1, []byte("k3y")) {
		t.Fatal("ciphertext contains the plaintext")
	}
	got, err := b.Open(s1)
	if err != nil || string(got) != "k3y" {
		t.Fatalf("Open = %q, %v", got, err)
	}
}

func TestOpenRejects(t *testing.T) {
	sealed := box(t, secret, "agent-key").Seal([]byte("k3y"))
	flipped := bytes.Clone(sealed)
	flipped[len(flipped)-1] ^= 1
	other := bytes.Repeat([]byte{8}, 32)
	tests := []struct {
		name string
		box  *secretbox.Box
		in   []byte
	}{
		{"other secret", box(t, other, "agent-key"), sealed},
		{"other purpose", box(t, secret, "notifier"), sealed},
		{"tampered", box(t, secret, "agent-key"), flipped},
		{"truncated", box(t, secret, "agent-key"), sealed[:10]},
		{"empty", box(t, secret, "agent-key"), nil},
		{"unknown version", box(t, secret, "agent-key"), append([]byte{9}, sealed[1:]...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.box.Open(tt.in); !errors.Is(err, secretbox.ErrDecrypt) {
				t.Fatalf("Open err = %v, want ErrDecrypt", err)
			}
		})
	}
}

func TestShortSecretRefused(t *testing.T) {
	if _, err := secretbox.New(make([]byte, 16), "x"); err == nil {
		t.Fatal("a 16-byte secret was accepted")
	}
}

func FuzzOpen(f *testing.F) {
	b := box(f, secret, "agent-key")
	f.Add(b.Seal([]byte("seed")))
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, in []byte) {
		_, _ = b.Open(in) // must never panic
	})
}
