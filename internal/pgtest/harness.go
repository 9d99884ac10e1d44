package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgserver"
	"github.com/prophasis/prophasis/internal/schema"
)

// harness is the server shared by the tests of one binary, started lazily.
type harness struct {
	mainCalled atomic.Bool
	once       sync.Once
	err        error
	base       *url.URL      // maintenance database URL; clones swap the path
	admin      *pgxpool.Pool // creates and drops databases
	server     *pgserver.Server
	dir        string
	prefix     string // unique per binary, so binaries can share a server
	hasTS      bool
	seq        atomic.Int64
	tplMu      sync.Mutex
	templates  map[schema.Mode]*template
}

// serverSettings make the test server fast and let templates be cloned:
// TimescaleDB's background workers would otherwise hold connections to them.
var serverSettings = map[string]string{
	"max_connections":                    "200",
	"timescaledb.max_background_workers": "0",
}

// up starts (or finds) the server once per binary.
func (h *harness) up(t testing.TB) {
	t.Helper()
	if !h.mainCalled.Load() {
		t.Fatal("pgtest: add `func TestMain(m *testing.M) { pgtest.Main(m) }` to this package " +
			"so the test PostgreSQL is stopped when the tests end")
	}
	h.once.Do(func() { h.err = h.start() })
	if h.err != nil {
		t.Fatalf("pgtest: %v", h.err)
	}
}

func (h *harness) start() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var suffix [4]byte
	_, _ = rand.Read(suffix[:])
	h.prefix = fmt.Sprintf("pgtest_%d_%s", os.Getpid(), hex.EncodeToString(suffix[:]))
	h.templates = map[schema.Mode]*template{}
	raw := os.Getenv(EnvURL)
	if raw == "" {
		var err error
		if raw, err = h.startServer(ctx); err != nil {
			return err
		}
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return fmt.Errorf("%s must be a postgres:// URL", EnvURL)
	}
	h.base = u
	if h.admin, err = pgxpool.New(ctx, raw); err != nil {
		return fmt.Errorf("connect to test server: %w", err)
	}
	return h.detectTimescale(ctx)
}

// startServer runs a throwaway cluster in a temporary directory.
func (h *harness) startServer(ctx context.Context) (string, error) {
	parent := clusterParent()
	sweep(parent)
	dir, err := os.MkdirTemp(parent, "prophasis-pgtest-")
	if err != nil {
		return "", fmt.Errorf("temp dir: %w", err)
	}
	h.dir = dir
	if err := claim(dir); err != nil {
		return "", fmt.Errorf("temp dir: %w", err)
	}
	if err := os.Chmod(dir, 0o711); err != nil { // as root, PostgreSQL runs as postgres
		return "", fmt.Errorf("temp dir: %w", err)
	}
	h.server, err = pgserver.Start(ctx, pgserver.Config{
		Dir: filepath.Join(dir, "pg"), Throwaway: true, Settings: serverSettings,
	})
	if err != nil {
		return "", err
	}
	return h.server.DSN("postgres"), nil
}

// detectTimescale asks the server whether CREATE EXTENSION timescaledb can
// work: installed and preloaded.
func (h *harness) detectTimescale(ctx context.Context) error {
	const q = `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
		AND current_setting('shared_preload_libraries') ~ '(^|[\s,])timescaledb($|[\s,])'`
	if err := h.admin.QueryRow(ctx, q).Scan(&h.hasTS); err != nil {
		return fmt.Errorf("detect timescaledb: %w", err)
	}
	return nil
}

func (h *harness) timescale(t testing.TB) bool {
	t.Helper()
	h.up(t)
	return h.hasTS
}

// shutdown drops this binary's templates and stops the server it started.
func (h *harness) shutdown() {
	if h.admin == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if h.server == nil {
		for _, tpl := range h.templates {
			_, _ = h.admin.Exec(ctx, `DROP DATABASE IF EXISTS `+quote(tpl.name)+` WITH (FORCE)`)
		}
	}
	h.admin.Close()
	if h.server != nil {
		if err := h.server.Stop(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest: stop server:", err)
		}
		_ = os.RemoveAll(h.dir)
	}
}
