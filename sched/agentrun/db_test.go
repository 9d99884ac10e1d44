package agentrun_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/mock"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
	"github.com/prophasis/prophasis/sched/agentrun"
)

type fixedClock struct{ now time.Time }

func (c fixedClock) Now() time.Time                       { return c.now }
func (c fixedClock) After(time.Duration) <-chan time.Time { return nil }

type chanSink chan sched.Result

func (s chanSink) Submit(_ context.Context, r sched.Result) error {
	s <- r
	return nil
}

// TestScheduleToAgentOnPostgres follows one schedule from the database to
// a mock agent and back: interval due → check expanded → key decrypted,
// certificate pinned, plugin pushed from plugin_versions → result.
func TestScheduleToAgentOnPostgres(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	keys, err := secretbox.New(secret, "agent-key")
	if err != nil {
		t.Fatal(err)
	}
	agent := startOneAgent(t)
	host, port, _ := net.SplitHostPort(agent.Addrs()[0])
	archive := archives(t)["com.example.cpu"]
	t0 := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO hosts (name, address, agent_port, agent_key_encrypted, tls_fingerprint)
			VALUES ('web', $1, $2, $3, decode($4, 'hex')), ('nokey', $1, $2, NULL, NULL)`,
			[]any{host, port, keys.Seal([]byte("secret")), agent.Fingerprint()}},
		{`INSERT INTO plugins (id, name) VALUES ('com.example.cpu', 'CPU')`, nil},
		{`INSERT INTO plugin_versions (plugin_id, version, archive, sha256, manifest)
			VALUES ('com.example.cpu', '1.0.0', $1, decode($2, 'hex'), '{"timeout_seconds": 5}')`,
			[]any{mustArchive(t, archive), archive.SHA256()}},
		{`UPDATE plugins SET active_version = '1.0.0'`, nil},
		{`INSERT INTO checks (name) VALUES ('c1')`, nil},
		{`INSERT INTO check_hosts (check_id, host_id) SELECT c.id, h.id FROM checks c, hosts h`, nil},
		{`INSERT INTO check_plugins (check_id, plugin_id, arguments) SELECT id, 'com.example.cpu', '{"n": 3}' FROM checks`, nil},
		{`INSERT INTO schedules (name) VALUES ('s1')`, nil},
		{`INSERT INTO schedule_checks SELECT s.id, c.id FROM schedules s, checks c`, nil},
		{`INSERT INTO schedule_intervals (schedule_id, start_at, period) SELECT id, $1, '1 minute' FROM schedules`, []any{t0}},
	} {
		if _, err := db.Exec(ctx, q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	cl := client.New(client.Options{})
	defer cl.Close()
	sink, logger := make(chanSink, 10), slog.New(slog.DiscardHandler)
	runner := agentrun.New(cl, agentrun.DBHosts{DB: db, Keys: keys}, agentrun.DBPlugins{DB: db})
	d := sched.NewDispatcher(sched.DispatchConfig{}, runner, sink, fixedClock{t0}, logger)
	// Spreading off: the runs are due at t0, the clock's fixed now, so the
	// shutdown below runs them (it leaves runs not yet due).
	if _, err := sched.New(sched.Config{MaxSpread: -1}, storage.SchedStore{DB: db}, d, fixedClock{t0}, logger).Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if err := d.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	close(sink)
	got := map[string]sched.Result{}
	for r := range sink {
		got[r.Job.HostName] = r
	}
	if r := got["web"]; r.Status != sched.StatusOK || r.Value == nil || *r.Value != 7 || r.Job.Timeout != 5*time.Second {
		t.Errorf("web: %+v", r)
	}
	if r := got["nokey"]; r.Status != sched.StatusRequestError || !strings.Contains(r.Message, "no agent key") {
		t.Errorf("nokey: %+v", r)
	}
}

func startOneAgent(t *testing.T) *mock.Server {
	t.Helper()
	raw, _ := json.Marshal(mock.Data{Key: "secret", Hosts: map[string]map[string]mock.Entry{
		"*": {"com.example.cpu": {Value: ptr(7), Message: "seven"}}}})
	path := filepath.Join(t.TempDir(), "mock.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := mock.Start(mock.Config{DataFile: path, Listen: []string{"127.0.0.1:0"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

func mustArchive(t *testing.T, src client.ArchiveSource) []byte {
	t.Helper()
	b, err := src.Archive(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return b
}
