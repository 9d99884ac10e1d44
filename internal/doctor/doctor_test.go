package doctor_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/mock"
	"github.com/prophasis/prophasis/internal/doctor"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched/agentrun"
)

// TestHealthyInstallation: a migrated database with fresh results and a
// running agent has nothing to report, in both storage modes, and the
// findings reach the system log.
func TestHealthyInstallation(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		ctx := context.Background()
		d := newDoctor(t, db)
		addAgent(t, db, d, "web1", startMock(t))
		exec(t, db, `INSERT INTO results (time, host_id, plugin_id, status, classification, severity)
			SELECT now() - i * interval '1 minute', h.id, 'cpu', 'ok', 'ok', 1 FROM hosts h, generate_series(0, 5) i`)
		findings := d.Run(ctx)
		t.Logf("\n%s", table(t, findings))
		if w := doctor.Worst(findings); w != doctor.OK {
			t.Fatalf("worst = %s:\n%s", w, table(t, findings))
		}
		if f := find(findings, "agent web1"); !strings.Contains(f.Message, "version") || !strings.Contains(f.Message, "certificate expires in") {
			t.Errorf("agent finding = %+v", f)
		}
		if err := doctor.Log(ctx, db, findings); err != nil {
			t.Fatal(err)
		}
		logged, err := storage.RecentSystemLog(ctx, db, "doctor", 100)
		if err != nil || len(logged) != len(findings) {
			t.Fatalf("system log has %d doctor entries (%v), want %d", len(logged), err, len(findings))
		}
	})
}

// TestStoppedAgentAndStaleRetention: an agent that stopped fails its
// check, and raw results far past the retention limit fail retention.
func TestStoppedAgentAndStaleRetention(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	d := newDoctor(t, db)
	stopped := startMock(t)
	addAgent(t, db, d, "gone", stopped)
	stopped.Close()
	exec(t, db, `INSERT INTO results (time, host_id, plugin_id, status, classification, severity)
		SELECT now() - interval '200 days', id, 'cpu', 'ok', 'ok', 1 FROM hosts`)
	findings := d.Run(ctx)
	if f := find(findings, "agent gone"); f.Status != doctor.Fail || !strings.Contains(f.Message, "unreachable") {
		t.Errorf("stopped agent reported as %+v", f)
	}
	if f := find(findings, "retention"); f.Status != doctor.Fail {
		t.Errorf("200-day-old result with 90-day retention reported as %+v", f)
	}
	if doctor.Worst(findings) != doctor.Fail {
		t.Errorf("worst = %s, want fail", doctor.Worst(findings))
	}
}

func newDoctor(t *testing.T, db *pgxpool.Pool) *doctor.Doctor {
	t.Helper()
	box, err := secretbox.New(bytes.Repeat([]byte{7}, secretbox.MinSecretLen), "agent-key")
	if err != nil {
		t.Fatal(err)
	}
	cl := client.New(client.Options{CallTimeout: 3 * time.Second})
	t.Cleanup(cl.Close)
	return &doctor.Doctor{DB: db, Hosts: agentrun.DBHosts{DB: db, Keys: box}, Client: cl}
}

const mockKey = "doctor-test-key"

func startMock(t *testing.T) *mock.Server {
	t.Helper()
	data := filepath.Join(t.TempDir(), "mock.json")
	if err := os.WriteFile(data, []byte(`{"key": "`+mockKey+`", "hosts": {}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := mock.Start(mock.Config{DataFile: data, Listen: []string{"127.0.0.1:0"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// addAgent adds an enabled host paired with srv: key sealed, certificate pinned.
func addAgent(t *testing.T, db *pgxpool.Pool, d *doctor.Doctor, name string, srv *mock.Server) {
	t.Helper()
	box := d.Hosts.(agentrun.DBHosts).Keys
	host, port, _ := strings.Cut(srv.Addrs()[0], ":")
	exec(t, db, `INSERT INTO hosts (name, address, agent_port, agent_key_encrypted, tls_fingerprint)
		VALUES ($1, $2, $3::int, $4, decode($5, 'hex'))`, name, host, port, box.Seal([]byte(mockKey)), srv.Fingerprint())
}

func exec(t *testing.T, db *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func table(t *testing.T, findings []doctor.Finding) string {
	t.Helper()
	var b strings.Builder
	if err := doctor.WriteTable(&b, findings); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestRollupLagPlain: raw results whose hourly buckets are missing (the
// ingest trigger did not run for them) are reported.
func TestRollupLagPlain(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	exec(t, db, `INSERT INTO results (time, host_id, plugin_id, status, classification, severity)
		SELECT now() - i * interval '1 hour', 1, 'cpu', 'ok', 'ok', 1 FROM generate_series(0, 5) i`)
	if f := find((&doctor.Doctor{DB: db}).Run(ctx), "rollups"); f.Status != doctor.OK {
		t.Fatalf("rollups maintained by the trigger reported as %+v", f)
	}
	exec(t, db, `DELETE FROM results_hourly WHERE bucket > now() - interval '3 hours'`)
	if f := find((&doctor.Doctor{DB: db}).Run(ctx), "rollups"); f.Status != doctor.Warn || !strings.Contains(f.Message, "results_hourly") {
		t.Fatalf("missing hourly buckets reported as %+v", f)
	}
}

func TestWriteTableOneRowPerFinding(t *testing.T) {
	out := table(t, []doctor.Finding{
		{Check: "database", Status: doctor.Fail, Message: "unreachable:\n\tdial a\n\tdial b"},
		{Check: "agent a\tb", Status: doctor.OK, Message: "fine"},
	})
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 3 {
		t.Fatalf("%d lines, want a header and 2 rows:\n%s", len(lines), out)
	}
}

// TestSchedulersWithOrphanedHosts: while lease-sharing schedulers run, an
// enabled host no one holds is reported; when every host is held, nothing.
func TestSchedulersWithOrphanedHosts(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	exec(t, db, `INSERT INTO hosts (name, address) VALUES ('a', 'a'), ('b', 'b')`)
	d := &doctor.Doctor{DB: db}
	if f := find(d.Run(ctx), "schedulers"); f.Status != doctor.OK {
		t.Fatalf("no schedulers: %+v", f)
	}
	exec(t, db, `INSERT INTO scheduler_nodes (id, roles) VALUES ('s1', '{sched}')`)
	exec(t, db, `INSERT INTO scheduler_leases (host_id, holder, expires_at) SELECT id, 's1', now() + interval '1 minute' FROM hosts WHERE name = 'a'`)
	if f := find(d.Run(ctx), "schedulers"); f.Status != doctor.Warn || !strings.Contains(f.Message, "1 enabled hosts without a live lease") {
		t.Fatalf("host b unleased reported as %+v", f)
	}
	exec(t, db, `INSERT INTO scheduler_leases (host_id, holder, expires_at) SELECT id, 's1', now() + interval '1 minute' FROM hosts WHERE name = 'b'`)
	if f := find(d.Run(ctx), "schedulers"); f.Status != doctor.OK {
		t.Fatalf("every host leased reported as %+v", f)
	}
}
