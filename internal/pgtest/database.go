package pgtest

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/schema"
)

// template is one migrated database per mode that clones are made from.
type template struct {
	once sync.Once
	name string
	err  error
}

// database clones the mode's template into a database for t alone.
func (h *harness) database(t testing.TB, mode schema.Mode) *pgxpool.Pool {
	t.Helper()
	h.up(t)
	tpl := h.template(mode)
	tpl.once.Do(func() { tpl.err = h.migrateTemplate(tpl.name, mode) })
	if tpl.err != nil {
		t.Fatalf("pgtest: %s template: %v", mode, tpl.err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	name := fmt.Sprintf("%s_t%d", h.prefix, h.seq.Add(1))
	if err := h.clone(ctx, tpl.name, name); err != nil {
		t.Fatalf("pgtest: clone %s template: %v", mode, err)
	}
	cfg, err := pgxpool.ParseConfig(h.url(name))
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	cfg.MaxConns = 4
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("pgtest: connect to %s: %v", name, err)
	}
	t.Cleanup(func() {
		pool.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := h.admin.Exec(ctx, `DROP DATABASE `+quote(name)+` WITH (FORCE)`); err != nil {
			t.Errorf("pgtest: drop %s: %v", name, err)
		}
	})
	return pool
}

func (h *harness) template(mode schema.Mode) *template {
	h.tplMu.Lock()
	defer h.tplMu.Unlock()
	tpl, ok := h.templates[mode]
	if !ok {
		tpl = &template{name: h.prefix + "_tpl_" + string(mode)}
		h.templates[mode] = tpl
	}
	return tpl
}

// migrateTemplate creates and migrates the template, then closes it to
// connections so nothing (e.g. a TimescaleDB scheduler) blocks cloning.
func (h *harness) migrateTemplate(name string, mode schema.Mode) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := h.admin.Exec(ctx, `CREATE DATABASE `+quote(name)); err != nil {
		return fmt.Errorf("create: %w", err)
	}
	conn, err := pgx.Connect(ctx, h.url(name))
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	_, err = schema.Migrate(ctx, conn, schema.Options{Mode: mode})
	if cerr := conn.Close(ctx); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	_, err = h.admin.Exec(ctx, `ALTER DATABASE `+quote(name)+` ALLOW_CONNECTIONS false`)
	return err
}

// clone copies tpl into a new database, retrying while some other session
// is still connected to the template, then evicting such sessions.
func (h *harness) clone(ctx context.Context, tpl, name string) error {
	for attempt := 0; ; attempt++ {
		_, err := h.admin.Exec(ctx, `CREATE DATABASE `+quote(name)+` TEMPLATE `+quote(tpl)+` STRATEGY FILE_COPY`)
		var pgErr *pgconn.PgError
		if err == nil || !errors.As(err, &pgErr) || pgErr.Code != "55006" || attempt == 50 {
			return err
		}
		_, _ = h.admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE datname = $1 AND pid <> pg_backend_pid()`, tpl)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// url returns the server URL pointing at database name.
func (h *harness) url(name string) string {
	u := *h.base
	u.Path = "/" + name
	return u.String()
}

// quote makes name a safe SQL identifier.
func quote(name string) string { return pgx.Identifier{name}.Sanitize() }
