package e2e_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/alerttest"
	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/alert/webhook"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

// world is a database with one host, one rule and three notifiers (email,
// a signed webhook and a webhook that always fails), and an engine whose
// clock the test moves.
type world struct {
	t       testing.TB
	db      *pgxpool.Pool
	now     time.Time
	smtp    *alerttest.SMTPServer
	hooks   *hookReceiver
	failing *httptest.Server
	box     *secretbox.Box
	eng     *alert.Engine
	host    int64
	rule    int64
}

// hookReceiver verifies and keeps signed webhook payloads.
type hookReceiver struct {
	mu  sync.Mutex
	got []webhook.Payload
	bad int
	now func() time.Time
}

func newWorld(t testing.TB) *world { return newWorldOn(t, pgtest.Plain(t)) }

// newWorldOn builds the world on a given database (for tests run in both
// storage modes).
func newWorldOn(t testing.TB, db *pgxpool.Pool) *world {
	w := &world{t: t, db: db, now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	w.smtp = alerttest.StartSMTP(t, false)
	w.hooks = &hookReceiver{now: func() time.Time { return w.now }}
	hookSrv := httptest.NewServer(w.hooks)
	t.Cleanup(hookSrv.Close)
	w.failing = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) {
		rw.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(w.failing.Close)
	var err error
	if w.box, err = secretbox.New(bytes.Repeat([]byte{3}, 32), channels.SecretPurpose); err != nil {
		t.Fatal(err)
	}
	host, portText, _ := net.SplitHostPort(w.smtp.Addr)
	port, _ := strconv.Atoi(portText)
	mail := w.notifier("mail", "email", map[string]any{"host": host, "port": port, "security": "none",
		"from": "prophasis@example.com", "to": []string{"oncall@example.com"}})
	hook := w.notifier("hook", "webhook", map[string]any{"url": hookSrv.URL + "/in", "secret": "s3cret"})
	bad := w.notifier("broken", "webhook", map[string]any{"url": w.failing.URL + "/TOKEN"})
	w.host = w.insert(`INSERT INTO hosts (name, address) VALUES ('web1', '10.0.0.1') RETURNING id`)
	w.rule = w.insert(`INSERT INTO alert_rules (name, scope_kind, from_states, to_states)
		VALUES ('on-call', 'all_hosts', '{no_data,ok,unknown,minor,major}', '{critical}') RETURNING id`)
	for _, n := range []int64{mail, hook, bad} {
		w.exec(`INSERT INTO alert_rule_notifiers (rule_id, notifier_id) VALUES ($1, $2)`, w.rule, n)
	}
	w.restart()
	return w
}

func (w *world) insert(q string, args ...any) int64 {
	w.t.Helper()
	var id int64
	if err := w.db.QueryRow(context.Background(), q, args...).Scan(&id); err != nil {
		w.t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (w *world) exec(q string, args ...any) {
	w.t.Helper()
	if _, err := w.db.Exec(context.Background(), q, args...); err != nil {
		w.t.Fatalf("%s: %v", q, err)
	}
}

func (w *world) notifier(name, kind string, all map[string]any) int64 {
	w.t.Helper()
	settings, sealed, err := channels.Split(w.box, kind, all)
	if err != nil {
		w.t.Fatal(err)
	}
	return w.insert(`INSERT INTO notifiers (name, kind, settings, secrets_encrypted) VALUES ($1, $2, $3, $4) RETURNING id`,
		name, kind, settings, sealed)
}

// restart builds a fresh engine on the same database, as a new process would.
func (w *world) restart() {
	w.t.Helper()
	clock := func() time.Time { return w.now }
	deps := channels.Deps{Client: &http.Client{Timeout: 5 * time.Second}, Box: w.box, Now: clock}
	tmpl, err := alert.NewTemplates("https://mon.example.com", "", "", "")
	if err != nil {
		w.t.Fatal(err)
	}
	w.eng, err = alert.New(alert.Config{
		Store: &storage.AlertStore{DB: w.db, Build: deps.Build, Now: clock}, Templates: tmpl,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clock, GroupWait: time.Second,
		Backoff: func() backoff.BackOff { return &backoff.ZeroBackOff{} }, MaxTries: 3,
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) change(from, to string) {
	w.t.Helper()
	tr := alert.Transition{Subject: alert.SubjectHost, SubjectID: w.host, Name: "web1", From: stateOf(from), To: stateOf(to),
		At: w.now, Plugin: "com.example.cpu", Message: "load <b>high</b>"}
	if err := w.eng.Handle(context.Background(), []alert.Transition{tr}); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) tick(d time.Duration) {
	w.t.Helper()
	w.now = w.now.Add(d)
	if err := w.eng.Tick(context.Background()); err != nil {
		w.t.Fatal(err)
	}
}
