package sched_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/mock"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// manualClock is moved by the test; After fires when set passes its time,
// so the dispatcher's wake-ups for spread jobs follow the test's clock.
type manualClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []manualTimer
}

type manualTimer struct {
	at time.Time
	ch chan time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.timers = append(c.timers, manualTimer{at: c.now.Add(d), ch: ch})
	return ch
}

func (c *manualClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
	kept := c.timers[:0]
	for _, tm := range c.timers {
		if tm.at.After(t) {
			kept = append(kept, tm)
			continue
		}
		tm.ch <- t
	}
	c.timers = kept
}

// run is one check made against a mock agent, as the sink saw it.
type run struct {
	node   string
	host   int64
	due    time.Time
	status sched.Status
}

// pinger runs a job by pinging its host's mock agent over HTTPS.
type pinger struct {
	client *client.Client
	fp     string
}

func (p pinger) Run(ctx context.Context, job sched.Job) sched.Result {
	status := sched.StatusOK
	if _, err := p.client.Ping(ctx, client.HostConn{Addr: job.Address, Fingerprint: p.fp}); err != nil {
		status = sched.StatusConnectionError
	}
	return sched.Result{Job: job, Status: status}
}

// recorder is the sink of every node.
type recorder struct {
	mu   sync.Mutex
	runs []run
}

func (r *recorder) sink(node string) sched.Sink { return nodeSink{r, node} }

type nodeSink struct {
	r    *recorder
	node string
}

func (s nodeSink) Submit(_ context.Context, res sched.Result) error {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	s.r.runs = append(s.r.runs, run{node: s.node, host: res.Job.HostID, due: res.Job.Due, status: res.Status})
	return nil
}

// node is one scheduler process: its own pool, leases, dispatcher.
type node struct {
	name   string
	leases *sched.Leases
	sched  *sched.Scheduler
	disp   *sched.Dispatcher
}

func newNode(t *testing.T, name, dsn string, clock sched.Clock, runner sched.Runner, rec *recorder, cfg sched.LeaseConfig) *node {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	logger := slog.New(slog.DiscardHandler)
	leases := sched.NewLeases(cfg, storage.LeaseStore{DB: pool}, name, clock, logger)
	disp := sched.NewDispatcher(sched.DispatchConfig{}, runner, rec.sink(name), clock, logger)
	store := sched.NewLocalWalk(storage.SchedStore{DB: pool}, clock.Now())
	return &node{name: name, leases: leases, disp: disp,
		sched: sched.New(sched.Config{}, store, sched.LeaseFilter{Leases: leases, Next: disp}, clock, logger)}
}

// startMocks serves n mock agents, each on its own loopback port.
func startMocks(t *testing.T, n int) *mock.Server {
	t.Helper()
	data := filepath.Join(t.TempDir(), "mock.json")
	if err := os.WriteFile(data, []byte(`{"hosts": {"*": {"*": {"value": 1}}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := mock.Start(mock.Config{DataFile: data, Listen: slices.Repeat([]string{"127.0.0.1:0"}, n)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// seedChecks adds one host per address and one check of all of them on a
// schedule of one interval.
func seedChecks(t *testing.T, db *pgxpool.Pool, addrs []string, start time.Time, period time.Duration) {
	t.Helper()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO hosts (name, address) SELECT 'h' || i, a FROM unnest($1::text[]) WITH ORDINALITY AS u(a, i)`, []any{addrs}},
		{`INSERT INTO plugins (id, name) VALUES ('com.example.ping', 'Ping')`, nil},
		{`INSERT INTO plugin_versions (plugin_id, version, archive, sha256, manifest)
			VALUES ('com.example.ping', '1.0.0', '\x01', decode(repeat('ab', 32), 'hex'), '{"timeout_seconds": 5}')`, nil},
		{`UPDATE plugins SET active_version = '1.0.0'`, nil},
		{`INSERT INTO checks (name, enabled) VALUES ('all', true)`, nil},
		{`INSERT INTO check_hosts (check_id, host_id) SELECT c.id, h.id FROM checks c, hosts h`, nil},
		{`INSERT INTO check_plugins (check_id, plugin_id) SELECT id, 'com.example.ping' FROM checks`, nil},
		{`INSERT INTO schedules (name) VALUES ('every 10s')`, nil},
		{`INSERT INTO schedule_checks (schedule_id, check_id) SELECT s.id, c.id FROM schedules s, checks c`, nil},
		{`INSERT INTO schedule_intervals (schedule_id, start_at, period) SELECT id, $1, $2 FROM schedules`, []any{start, period}},
	} {
		if _, err := db.Exec(context.Background(), q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
}

func mustRefresh(t *testing.T, ctx context.Context, n *node) {
	t.Helper()
	if err := n.leases.Refresh(ctx); err != nil {
		t.Fatalf("%s: %v", n.name, err)
	}
}

func mustTick(t *testing.T, ctx context.Context, n *node) {
	t.Helper()
	if _, err := n.sched.Tick(ctx); err != nil {
		t.Fatalf("%s: %v", n.name, err)
	}
}
