package agentrun_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/mock"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/sched"
	"github.com/prophasis/prophasis/sched/agentrun"
)

// countingDB counts the queries made through it.
type countingDB struct {
	*pgxpool.Pool
	queries atomic.Int32
}

func (c *countingDB) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	c.queries.Add(1)
	return c.Pool.Query(ctx, sql, args...)
}

func (c *countingDB) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	c.queries.Add(1)
	return c.Pool.QueryRow(ctx, sql, args...)
}

type movableClock struct{ now atomic.Int64 }

func (c *movableClock) Now() time.Time                       { return time.Unix(0, c.now.Load()).UTC() }
func (c *movableClock) After(time.Duration) <-chan time.Time { return nil }

// TestRunnerCachesHostsAndPlugins runs checks through the database-backed
// lookups: repeated checks make no query, and an address or key changed
// in the hosts table (as the web app does) is used once the cache's time
// has passed, or at once after the old details failed.
func TestRunnerCachesHostsAndPlugins(t *testing.T) {
	ctx, pool := context.Background(), pgtest.Plain(t)
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	keys, err := secretbox.New(secret, "agent-key")
	if err != nil {
		t.Fatal(err)
	}
	agents := startTwoAgents(t) // 127.0.0.2 answers 2, 127.0.0.3 answers 3
	hostA, port, _ := net.SplitHostPort(agents.Addrs()[0])
	hostB, portB, _ := net.SplitHostPort(agents.Addrs()[1])
	archive := archives(t)["com.example.cpu"]
	seed(t, pool, `INSERT INTO hosts (name, address, agent_port, agent_key_encrypted, tls_fingerprint)
		VALUES ('web', $1, $2, $3, decode($4, 'hex'))`, hostA, port, keys.Seal([]byte("secret")), agents.Fingerprint())
	seed(t, pool, `INSERT INTO plugins (id, name) VALUES ('com.example.cpu', 'CPU')`)
	seed(t, pool, `INSERT INTO plugin_versions (plugin_id, version, archive, sha256, manifest)
		VALUES ('com.example.cpu', '1.0.0', $1, decode($2, 'hex'), '{}')`, mustArchive(t, archive), archive.SHA256())
	seed(t, pool, `UPDATE plugins SET active_version = '1.0.0'`)
	var hostID int64
	if err := pool.QueryRow(ctx, `SELECT id FROM hosts`).Scan(&hostID); err != nil {
		t.Fatal(err)
	}
	db := &countingDB{Pool: pool}
	clock := &movableClock{}
	cl := client.New(client.Options{})
	defer cl.Close()
	r := agentrun.NewRunner(agentrun.Config{CacheTTL: 10 * time.Second, Clock: clock}, cl,
		agentrun.DBHosts{DB: db, Keys: keys}, agentrun.DBPlugins{DB: db})
	job := sched.Job{HostID: hostID, HostName: "web", PluginID: "com.example.cpu", CheckID: 1}
	steps := []struct {
		name        string
		at          time.Duration
		sql         string
		args        []any
		wantValue   float64
		wantStatus  sched.Status
		wantQueries int32 // made by this step's run
	}{
		{name: "first run: host, plugin digest, archive pushed to the agent", wantValue: 2, wantStatus: sched.StatusOK, wantQueries: 3},
		{name: "again: no query", at: time.Second, wantValue: 2, wantStatus: sched.StatusOK},
		{name: "address moved: the cached one is used within the ttl", at: 9 * time.Second,
			sql: `UPDATE hosts SET address = $1, agent_port = $2`, args: []any{hostB, portB}, wantValue: 2, wantStatus: sched.StatusOK},
		{name: "after the ttl the new address is used (and gets the archive)", at: 10 * time.Second, wantValue: 3, wantStatus: sched.StatusOK, wantQueries: 3},
		{name: "key changed: cached within the ttl", at: 15 * time.Second,
			sql: `UPDATE hosts SET agent_key_encrypted = $1`, args: []any{keys.Seal([]byte("wrong"))}, wantValue: 3, wantStatus: sched.StatusOK},
		{name: "after the ttl the new key is used", at: 20 * time.Second, wantStatus: sched.StatusAuthError, wantQueries: 2},
		{name: "key fixed: read at once after the refusal", at: 21 * time.Second,
			sql: `UPDATE hosts SET agent_key_encrypted = $1`, args: []any{keys.Seal([]byte("secret"))}, wantValue: 3, wantStatus: sched.StatusOK, wantQueries: 1},
		{name: "host disabled: seen after the ttl", at: 40 * time.Second,
			sql: `UPDATE hosts SET enabled = false`, wantStatus: sched.StatusRequestError, wantQueries: 1},
	}
	for _, st := range steps {
		if st.sql != "" {
			seed(t, pool, st.sql, st.args...)
		}
		clock.now.Store(int64(st.at))
		before := db.queries.Load()
		res := r.Run(ctx, job)
		if res.Status != st.wantStatus || st.wantStatus == sched.StatusOK && (res.Value == nil || *res.Value != st.wantValue) {
			t.Fatalf("%s: %s %v %q, want %s %v", st.name, res.Status, res.Value, res.Message, st.wantStatus, st.wantValue)
		}
		if n := db.queries.Load() - before; n != st.wantQueries {
			t.Errorf("%s: %d queries, want %d", st.name, n, st.wantQueries)
		}
		if st.wantStatus == sched.StatusRequestError && !strings.Contains(res.Message, "disabled") {
			t.Errorf("%s: message %q", st.name, res.Message)
		}
	}
}

func seed(t *testing.T, db *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func startTwoAgents(t *testing.T) *mock.Server {
	t.Helper()
	raw, _ := json.Marshal(mock.Data{Key: "secret", Hosts: map[string]map[string]mock.Entry{
		"127.0.0.2": {"*": {Value: ptr(2)}}, "127.0.0.3": {"*": {Value: ptr(3)}}}})
	path := filepath.Join(t.TempDir(), "mock.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := mock.Start(mock.Config{DataFile: path, Listen: []string{"127.0.0.2:0", "127.0.0.3:0"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}
