package dashboards_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/dashboards"
	"github.com/prophasis/prophasis/internal/pgtest"
)

func newServer(t *testing.T, db *pgxpool.Pool) *dashboards.Server {
	t.Helper()
	s, err := dashboards.New(dashboards.Deps{DB: db, Logger: slog.New(slog.DiscardHandler), Secret: make([]byte, 32)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func getHealth(t *testing.T, s *dashboards.Server) (int, dashboards.Health) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	var h dashboards.Health
	if err := json.Unmarshal(rec.Body.Bytes(), &h); err != nil {
		t.Fatalf("healthz body %q: %v", rec.Body, err)
	}
	return rec.Code, h
}

func TestHealthzReportsSchemaAndMode(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		code, h := getHealth(t, newServer(t, db))
		if code != http.StatusOK || h.Status != "ok" || h.Database != "reachable" {
			t.Fatalf("healthz %d %+v", code, h)
		}
		mode := t.Name()[strings.LastIndex(t.Name(), "/")+1:]
		if h.StorageMode != mode || h.SchemaVersion != h.Latest || h.Latest == 0 {
			t.Fatalf("healthz %+v on a migrated %s database", h, mode)
		}
		if (h.TimescaleDB != "") != (mode == "timescale") {
			t.Fatalf("timescaledb %q in %s mode", h.TimescaleDB, mode)
		}
	})
}

func TestHealthzOutOfDateSchemaIs503(t *testing.T) {
	db := pgtest.Plain(t)
	if _, err := db.Exec(context.Background(), `UPDATE prophasis_schema_version SET version = version - 1`); err != nil {
		t.Fatal(err)
	}
	code, h := getHealth(t, newServer(t, db))
	if code != http.StatusServiceUnavailable || h.Status != "schema_out_of_date" || h.Database != "reachable" ||
		h.SchemaVersion != h.Latest-1 {
		t.Fatalf("healthz %d %+v", code, h)
	}
}

func TestHealthzUnreachableDatabaseIs503(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there any more
	db, err := pgxpool.New(context.Background(), "postgres://postgres@"+addr+"/none?connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	code, h := getHealth(t, newServer(t, db))
	if code != http.StatusServiceUnavailable || h.Database != "unreachable" || h.Status != "database_unreachable" {
		t.Fatalf("healthz %d %+v", code, h)
	}
}

func TestServeAnswersUntilCancelled(t *testing.T) {
	s := newServer(t, pgtest.Plain(t))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "Sign in") ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve after cancel: %v", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Fatal("still serving after shutdown")
	}
}
