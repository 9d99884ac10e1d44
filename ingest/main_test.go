package ingest

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// fixture inserts a host and the plugins tests write results for.
func fixture(t testing.TB, db *pgxpool.Pool, name string) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := db.QueryRow(ctx, `INSERT INTO hosts (name, address) VALUES ($1, '127.0.0.1') RETURNING id`, name).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO plugins (id, name) VALUES ('test.cpu', 'CPU'), ('test.disk', 'Disk')
		ON CONFLICT DO NOTHING`); err != nil {
		t.Fatal(err)
	}
	return id
}

func result(host int64, plugin string, at time.Time, v float64, st state.State) Result {
	return Result{Result: sched.Result{Job: sched.Job{HostID: host, HostName: "h", PluginID: plugin},
		Time: at, Status: sched.StatusOK, Value: &v, Message: "m"}, State: st}
}

// recorder is an Alerter that keeps what it was handed.
type recorder struct {
	mu  sync.Mutex
	trs []alert.Transition
}

func (r *recorder) Handle(_ context.Context, trs []alert.Transition) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.trs = append(r.trs, trs...)
	return nil
}

func (r *recorder) got() []alert.Transition {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]alert.Transition(nil), r.trs...)
}

// start runs w until the test ends.
func start(t testing.TB, w *Writer) {
	t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- w.Run(context.Background()) }()
	t.Cleanup(func() {
		_ = w.Close(context.Background())
		if err := <-errc; err != nil {
			t.Error(err)
		}
	})
}

// waitFor polls cond (a cheap in-memory check) until it holds or 10 s pass.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func count(t testing.TB, db *pgxpool.Pool, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// stateChangeLog lists host's state changes of plugin as from>to@offset
// from t0, oldest first.
func stateChangeLog(t testing.TB, db *pgxpool.Pool, host int64, plugin string) []string {
	t.Helper()
	changes, err := storage.StateChangesOf(context.Background(), db, host, plugin, t0.Add(-time.Minute), 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, string(c.From)+">"+string(c.To)+"@"+c.Time.Sub(t0).String())
	}
	return got
}
