package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/dashboards/api"
	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.ReleaseMode)
	pgtest.Main(m)
}

// bundle is one API on a fresh database with a read and a write token.
type bundle struct {
	db          *pgxpool.Pool
	srv         *httptest.Server
	read, write string
	api         *api.API
	pipe        *pipeline
}

type options struct {
	pipeline bool // give the API the real classification and ingest path
	session  api.SessionFunc
	now      func() time.Time
}

func setup(t *testing.T, opts options) *bundle {
	t.Helper()
	t.Parallel() // every test has its own database
	db := pgtest.Plain(t)
	b := &bundle{db: db}
	var sink sched.Sink
	if opts.pipeline {
		b.pipe = newPipeline(t, db)
		sink = b.pipe
	}
	a, err := api.New(api.Deps{DB: db, Logger: slog.New(slog.DiscardHandler), Secret: bytes.Repeat([]byte{7}, 32),
		Results: sink, Session: opts.session, Now: opts.now})
	if err != nil {
		t.Fatal(err)
	}
	b.api, b.srv = a, httptest.NewServer(a.Handler())
	t.Cleanup(b.srv.Close)
	b.read = newToken(t, db, "reader", "read")
	b.write = newToken(t, db, "writer", "write")
	return b
}

func newToken(t *testing.T, db *pgxpool.Pool, name, scope string) string {
	t.Helper()
	tok, hash := auth.NewToken()
	if _, err := storage.CreateAPIToken(context.Background(), db, name, scope, hash, nil); err != nil {
		t.Fatal(err)
	}
	return tok
}

// do sends a request with an optional bearer token and JSON body (a
// string is sent as is) and decodes the JSON answer into a generic value.
func (b *bundle) do(t *testing.T, method, path, token string, body any) (int, map[string]any) {
	t.Helper()
	var r io.Reader
	switch v := body.(type) {
	case nil:
	case string:
		r = bytes.NewBufferString(v)
	default:
		buf, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, b.srv.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := b.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out map[string]any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("%s %s: %d, not a JSON object: %q", method, path, res.StatusCode, raw)
		}
	}
	return res.StatusCode, out
}

// errOf returns the error code and field of an error answer.
func errOf(t *testing.T, body map[string]any) (code, field string) {
	t.Helper()
	e, ok := body["error"].(map[string]any)
	if !ok {
		t.Fatalf("not an error body: %v", body)
	}
	return e["code"].(string), e["field"].(string)
}
