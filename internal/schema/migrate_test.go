package schema_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"golang.org/x/sync/errgroup"

	"github.com/prophasis/prophasis/internal/schema"
)

func TestCheckReportsOutOfDateWithoutChangingAnything(t *testing.T) {
	ctx := context.Background()
	conn := newDB(t)
	st, err := schema.Check(ctx, conn)
	if !errors.Is(err, schema.ErrOutOfDate) {
		t.Fatalf("Check on an empty database: err = %v, want ErrOutOfDate", err)
	}
	if st.Version != 0 || st.Latest < 1 || st.Mode != "" {
		t.Fatalf("status = %+v", st)
	}
	var tables int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Fatalf("Check created %d tables", tables)
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	ctx := context.Background()
	conn := newDB(t)
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	first, err := schema.Migrate(ctx, conn, schema.Options{Mode: schema.ModePlain, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	if first.Version != first.Latest || first.Mode != schema.ModePlain || first.Timescale != "" {
		t.Fatalf("after first Migrate: %+v", first)
	}
	if n := strings.Count(log.String(), "applying migration"); n != int(first.Latest) {
		t.Fatalf("first Migrate logged %d migrations, want %d:\n%s", n, first.Latest, log.String())
	}
	log.Reset()
	second, err := schema.Migrate(ctx, conn, schema.Options{Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	if second != first || log.Len() != 0 {
		t.Fatalf("second Migrate changed something: %+v, then %+v; log %q", first, second, log.String())
	}
	if _, err := schema.Check(ctx, conn); err != nil {
		t.Fatalf("Check after Migrate: %v", err)
	}
}

func TestRecordedModeCannotBeSwitched(t *testing.T) {
	ctx := context.Background()
	conn := newDB(t)
	if _, err := schema.Migrate(ctx, conn, schema.Options{Mode: schema.ModePlain}); err != nil {
		t.Fatal(err)
	}
	_, err := schema.Migrate(ctx, conn, schema.Options{Mode: schema.ModeTimescale})
	if !errors.Is(err, schema.ErrModeMismatch) {
		t.Fatalf("forcing timescale on a plain database: err = %v, want ErrModeMismatch", err)
	}
}

func TestUnknownModeRefused(t *testing.T) {
	conn := newDB(t)
	if _, err := schema.Migrate(context.Background(), conn, schema.Options{Mode: "sqlite"}); err == nil {
		t.Fatal("Migrate accepted mode sqlite")
	}
}

func TestConcurrentMigrateRunsOnce(t *testing.T) {
	ctx := context.Background()
	first := newDB(t)
	second, err := pgx.ConnectConfig(ctx, first.Config().Copy())
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close(ctx)
	var g errgroup.Group
	var a, b schema.Status
	g.Go(func() (err error) { a, err = schema.Migrate(ctx, first, schema.Options{}); return err })
	g.Go(func() (err error) { b, err = schema.Migrate(ctx, second, schema.Options{}); return err })
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	if a != b || a.Version != a.Latest {
		t.Fatalf("concurrent migrations ended in %+v and %+v", a, b)
	}
	if n := count(t, first, `SELECT count(*) FROM prophasis_meta`); n != 1 {
		t.Fatalf("prophasis_meta has %d rows", n)
	}
}
