package main

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/config"
)

// TestMigrateThenServe drives the production path against an external
// server (here the one `up` started): serve refuses an empty database and
// says to migrate, migrate is idempotent, then serve runs.
func TestMigrateThenServe(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	upp := prophasis(t, "up", "--data-dir", dir, "--listen", "127.0.0.1:0")
	upp.serving(t)
	admin := embeddedDSN(t, upp)
	execSQL(t, admin, `CREATE DATABASE prod`)
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/prod"
	u.User = url.UserPassword("postgres", "hunter22") // trust auth ignores it; the logs must not show it
	prod := u.String()
	secret := filepath.Join(dir, "secret")

	refused := prophasis(t, "serve", "--db", prod, "--secret-file", secret, "--listen", "127.0.0.1:0")
	if err := refused.finish(t); err == nil || !strings.Contains(refused.output(), "run `prophasis migrate") {
		t.Fatalf("serve on an empty database: err %v, output:\n%s", err, refused.output())
	}
	noSecret := prophasis(t, "serve", "--db", prod, "--listen", "127.0.0.1:0")
	if err := noSecret.finish(t); err == nil || !strings.Contains(noSecret.output(), "--secret-file") {
		t.Fatalf("serve without a secret: err %v, output:\n%s", err, noSecret.output())
	}
	for i := range 2 {
		m := prophasis(t, "migrate", "--db", prod, "--storage", "plain")
		if err := m.finish(t); err != nil {
			t.Fatalf("migrate run %d: %v\n%s", i+1, err, m.output())
		}
	}
	s := prophasis(t, "serve", "--db", prod, "--secret-file", secret, "--listen", "127.0.0.1:0")
	if h := health(t, s.serving(t)); h.StorageMode != "plain" || h.SchemaVersion != h.Latest {
		t.Fatalf("healthz of serve: %+v", h)
	}
	if strings.Contains(s.output(), "hunter22") || !strings.Contains(s.output(), "secret=[redacted]") {
		t.Fatalf("serve logged its secrets:\n%s", s.output())
	}
	s.stop(t)
	upp.stop(t)
}

func TestServeNeedsDatabase(t *testing.T) {
	t.Setenv("PROPHASIS_DATABASE_URL", "")
	p := prophasis(t, "serve", "--listen", "127.0.0.1:0")
	if err := p.finish(t); err == nil || !strings.Contains(p.output(), "pass --db") {
		t.Fatalf("serve without a database: %v\n%s", err, p.output())
	}

}

func TestPoolSize(t *testing.T) {
	for dsn, want := range map[config.DSN]int32{
		"postgres://prophasis@db.example.com/prophasis":                   defaultPoolSize,
		"postgres://prophasis@db.example.com/prophasis?pool_max_conns=40": 40,
		"host=db.example.com user=prophasis pool_max_conns=3":             3,
	} {
		cfg, err := poolConfig(dsn)
		if err != nil {
			t.Fatalf("%s: %v", dsn, err)
		}
		if cfg.MaxConns != want {
			t.Errorf("%s: %d connections, want %d", dsn, cfg.MaxConns, want)
		}
	}
}
