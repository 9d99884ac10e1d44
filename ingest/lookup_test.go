package ingest

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// TestLookupServesStaleWhileDatabaseIsDown: classification keeps its host,
// check and classifier while the database is unreachable, instead of
// turning every result unknown.
func TestLookupServesStaleWhileDatabaseIsDown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	shared := pgtest.Plain(t)
	host := fixture(t, shared, "web1")
	if _, err := shared.Exec(ctx, `INSERT INTO classifiers (plugin_id, code) VALUES ('test.cpu', 'return "ok"')`); err != nil {
		t.Fatal(err)
	}
	db, err := pgxpool.New(ctx, pgtest.DSN(t, shared))
	if err != nil {
		t.Fatal(err)
	}
	l := NewLookup(db, time.Nanosecond)
	h, err := l.Host(ctx, host)
	if err != nil || h.Name != "web1" {
		t.Fatalf("host %+v, %v", h, err)
	}
	if c, err := l.Classifier(ctx, "test.cpu", 0); err != nil || c == nil || c.Code != `return "ok"` {
		t.Fatalf("classifier %+v, %v", c, err)
	}
	db.Close()
	if h, err := l.Host(ctx, host); err != nil || h.Name != "web1" {
		t.Fatalf("with the database gone: host %+v, %v; want the cached one", h, err)
	}
	if c, err := l.Classifier(ctx, "test.cpu", 0); err != nil || c == nil {
		t.Fatalf("with the database gone: classifier %+v, %v; want the cached one", c, err)
	}
	if _, err := l.Host(ctx, host+1); err == nil {
		t.Fatal("a host never loaded was answered without the database")
	}
}
