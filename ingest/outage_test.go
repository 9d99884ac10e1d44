package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgserver"
	"github.com/prophasis/prophasis/internal/schema"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// privateServer starts a PostgreSQL of the test's own, which it may stop
// and start again (the shared test server must stay up for other tests).
func privateServer(t *testing.T) (*pgserver.Server, pgserver.Config) {
	t.Helper()
	dir, err := os.MkdirTemp("", "prophasis-ingest-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o711); err != nil { // as root, PostgreSQL runs as postgres
		t.Fatal(err)
	}
	cfg := pgserver.Config{Dir: filepath.Join(dir, "pg"), Throwaway: true,
		Settings: map[string]string{"timescaledb.max_background_workers": "0"}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv, err := pgserver.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop(context.Background()) })
	conn, err := pgx.Connect(ctx, srv.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := schema.Migrate(ctx, conn, schema.Options{Mode: schema.ModePlain}); err != nil {
		t.Fatal(err)
	}
	cfg.Port = srv.Port()
	return srv, cfg
}

// TestDatabaseOutage stops PostgreSQL mid-run: the results accepted while
// it is down are written when it returns, and those past the buffer bound
// are refused and reported with their exact count.
func TestDatabaseOutage(t *testing.T) {
	t.Parallel()
	srv, cfg := privateServer(t)
	ctx := context.Background()
	pcfg, err := pgxpool.ParseConfig(srv.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	pcfg.ConnConfig.ConnectTimeout = time.Second
	db, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	host := fixture(t, db, "web1")
	w := NewWriter(Config{BatchSize: 10, FlushEvery: 20 * time.Millisecond, MaxBuffered: 50,
		RetryMin: 10 * time.Millisecond, RetryMax: 50 * time.Millisecond, WriteTimeout: 2 * time.Second},
		db, nil, NewSystemLog(db, discard()), discard())
	start(t, w)
	submit := func(from, n int) (full int) {
		for i := from; i < from+n; i++ {
			err := w.Submit(ctx, result(host, "test.cpu", t0.Add(time.Duration(i)*time.Second), float64(i), state.OK))
			if errors.Is(err, ErrFull) {
				full++
			} else if err != nil {
				t.Fatal(err)
			}
		}
		return full
	}
	submit(0, 10)
	waitFor(t, "the first batch", func() bool { return w.Stats().Written == 10 })

	if err := srv.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if full := submit(10, 80); full != 30 {
		t.Fatalf("%d results refused while down, want 30 past the bound of 50", full)
	}
	waitFor(t, "failed attempts", func() bool { return w.Stats().Retries >= 3 })
	if s := w.Stats(); s.Held != 50 || s.Written != 10 || s.Dropped != 30 {
		t.Fatalf("while down: %+v, want 50 held, 10 written, 30 dropped", s)
	}
	srv, err = pgserver.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop(context.Background()) })
	waitFor(t, "the held results", func() bool { return w.Stats().Written == 60 })

	if n := count(t, db, `SELECT count(*) FROM results`); n != 60 {
		t.Fatalf("%d results stored, want 60", n)
	}
	var logs []storage.LogEntry
	waitFor(t, "the recovery report", func() bool {
		logs, _ = storage.RecentSystemLog(ctx, db, "ingest", 10)
		return len(logs) > 0
	})
	if !strings.Contains(logs[0].Message, "wrote 50 held results, dropped 30") {
		t.Fatalf("system log says %q", logs[0].Message)
	}
}
