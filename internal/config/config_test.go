package config

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{name: "url with password", in: "postgres://app:hunter22@db:5432/p?sslmode=require", want: "postgres://app:xxxxx@db:5432/p?sslmode=require"},
		{name: "url without password", in: "postgres://postgres@127.0.0.1:5432/p", want: "postgres://postgres@127.0.0.1:5432/p"},
		{name: "password in query", in: "postgresql://app@db/p?password=hunter22", want: "postgresql://app@db/p?password=xxxxx"},
		{name: "key value", in: "host=db password=hunter22 dbname=p", want: "host=db password=xxxxx dbname=p"},
		{name: "key value quoted", in: "host=db password='hun ter''22' dbname=p", want: "host=db password=xxxxx dbname=p"},
		{name: "key value spaced", in: "host=db password = hunter22", want: "host=db password = xxxxx"},
		{name: "unknown scheme", in: "mysql://app:hunter22@db/p", want: "[redacted]"},
		{name: "broken url", in: "postgres://app:hunter22@db:port/p%zz", want: "[redacted]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in); got != tt.want {
				t.Fatalf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzRedact(f *testing.F) {
	f.Add("db.example", "hunter22")
	f.Add("h", "it's a secret")
	f.Fuzz(func(t *testing.T, host, password string) {
		if len(password) < 8 || strings.Contains(host, password) || strings.Contains("xxxxx", password) {
			return
		}
		quote := strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace
		u := url.URL{Scheme: "postgres", User: url.UserPassword("app", password), Host: url.PathEscape(host), Path: "/p"}
		for _, dsn := range []string{"host='" + quote(host) + "' password='" + quote(password) + "' dbname=p", u.String()} {
			if got := Redact(dsn); strings.Contains(got, password) || strings.Contains(got, url.PathEscape(password)) {
				t.Fatalf("Redact(%q) = %q still shows the password", dsn, got)
			}
		}
	})
}

func TestParseSecret(t *testing.T) {
	good := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, SecretSize))
	tests := []struct {
		name, in string
		ok       bool
	}{
		{name: "openssl output", in: good + "\n", ok: true},
		{name: "surrounding space", in: "  " + good + "\r\n", ok: true},
		{name: "too short", in: base64.StdEncoding.EncodeToString(make([]byte, 16)), ok: false},
		{name: "too long", in: base64.StdEncoding.EncodeToString(make([]byte, 33)), ok: false},
		{name: "raw bytes", in: string(bytes.Repeat([]byte{0xff}, SecretSize)), ok: false},
		{name: "empty", in: "", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSecret([]byte(tt.in))
			if (err == nil) != tt.ok || (tt.ok && len(s) != SecretSize) {
				t.Fatalf("ParseSecret: len %d, err %v; want ok=%v", len(s), err, tt.ok)
			}
		})
	}
}

func FuzzParseSecret(f *testing.F) {
	f.Add([]byte(base64.StdEncoding.EncodeToString(make([]byte, SecretSize))))
	f.Add([]byte("not base64 at all"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if s, err := ParseSecret(data); err == nil && len(s) != SecretSize {
			t.Fatalf("accepted a %d-byte secret", len(s))
		}
	})
}

func TestEnsureSecretCreatesOnceAndHidesIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "secret")
	first, err := EnsureSecret(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("secret file mode %v (err %v), want 0600", fi.Mode().Perm(), err)
	}
	again, err := EnsureSecret(path)
	if err != nil || !bytes.Equal(first, again) {
		t.Fatalf("second EnsureSecret gave a different secret (err %v)", err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("cfg", "config", Server{Secret: first, DatabaseURL: "postgres://a:hunter22@h/db"})
	printed := fmt.Sprintf("%v %s %#v %v", first, first, first, Server{Secret: first})
	for _, out := range []string{logged.String(), printed} {
		if strings.Contains(out, base64.StdEncoding.EncodeToString(first)) || strings.Contains(out, "hunter22") ||
			bytes.Contains([]byte(out), first) || !strings.Contains(out, "[redacted]") {
			t.Fatalf("secret leaked or not redacted: %s", out)
		}
	}
}

func TestLoadSecretMissingSaysWhatToDo(t *testing.T) {
	_, err := LoadSecret("")
	if err == nil || !strings.Contains(err.Error(), "--secret-file") || !strings.Contains(err.Error(), "openssl rand") {
		t.Fatalf("err = %v", err)
	}
}

func TestValidate(t *testing.T) {
	secret := Secret(make([]byte, SecretSize))
	tests := []struct {
		name string
		cfg  Server
		ok   bool
	}{
		{name: "default", cfg: Server{Listen: DefaultListen, Secret: secret}, ok: true},
		{name: "any port", cfg: Server{Listen: "127.0.0.1:0", Secret: secret}, ok: true},
		{name: "no port", cfg: Server{Listen: "localhost", Secret: secret}},
		{name: "no secret", cfg: Server{Listen: DefaultListen}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cfg.Validate(); (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}
