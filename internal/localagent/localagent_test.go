package localagent_test

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/identity"
	"github.com/prophasis/prophasis/internal/bootstrap"
	"github.com/prophasis/prophasis/internal/localagent"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newSecret(t *testing.T) ([]byte, *secretbox.Box) {
	t.Helper()
	secret := make([]byte, 32)
	rand.Read(secret)
	box, err := secretbox.New(secret, "agent-key")
	if err != nil {
		t.Fatal(err)
	}
	return secret, box
}

// start installs the stock plugins, starts the agent in dir, registers it
// and serves it until the test ends.
func start(t *testing.T, db *pgxpool.Pool, dir string, box *secretbox.Box) (*localagent.Agent, bool) {
	t.Helper()
	ctx := context.Background()
	if err := bootstrap.Install(ctx, db, quiet); err != nil {
		t.Fatal(err)
	}
	a, err := localagent.Start(dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	created, err := a.Register(ctx, db, localagent.Registration{Name: "this-machine", Period: time.Second, SealKey: box.Seal})
	if err != nil {
		t.Fatal(err)
	}
	serveCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Serve(serveCtx) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return a, created
}

func count(t *testing.T, db *pgxpool.Pool, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRegisterOnce: the host, check and schedule are created once per
// database; the identity and port are reused; a deleted host stays
// deleted; a moved port is followed; another database gets its own host.
func TestRegisterOnce(t *testing.T) {
	ctx, db, dir := context.Background(), pgtest.Plain(t), t.TempDir()
	_, box := newSecret(t)
	if _, err := db.Exec(ctx, `INSERT INTO hosts (name, address) VALUES ('this-machine', 'elsewhere')`); err != nil {
		t.Fatal(err)
	}
	first, created := start(t, db, dir, box)
	hosts, _ := storage.ListHosts(ctx, db, "this-machine (2)")
	if !created || len(hosts) != 1 || hosts[0].Port != first.Port() || hosts[0].Fingerprint != first.Identity().Fingerprint {
		t.Fatalf("created %v, hosts %+v", created, hosts)
	}
	key, err := box.Open(hosts[0].AgentKey)
	if err != nil || string(key) != first.Identity().Key {
		t.Fatalf("sealed key does not open to the agent's key: %v", err)
	}
	if n := count(t, db, `SELECT count(*) FROM schedule_checks sc JOIN check_plugins cp USING (check_id)`); n != 4 {
		t.Errorf("schedule runs %d plugins, want 4", n)
	}
	if _, err := db.Exec(ctx, `UPDATE hosts SET agent_port = 1 WHERE id = $1`, hosts[0].ID); err != nil {
		t.Fatal(err)
	}
	reg := localagent.Registration{Name: "this-machine", Period: time.Minute, SealKey: box.Seal}
	if again, err := first.Register(ctx, db, reg); err != nil || again {
		t.Fatalf("second registration: created %v, err %v", again, err)
	}
	if h, err := storage.HostByID(ctx, db, hosts[0].ID); err != nil || h.Port != first.Port() {
		t.Errorf("port not followed: %d, err %v", h.Port, err)
	}
	if err := storage.DeleteHost(ctx, db, hosts[0].ID); err != nil {
		t.Fatal(err)
	}
	if again, err := first.Register(ctx, db, reg); err != nil || again {
		t.Fatalf("registration after delete: created %v, err %v", again, err)
	}
	if n := count(t, db, `SELECT count(*) FROM hosts`); n != 1 {
		t.Errorf("%d hosts after the admin deleted the local one, want 1", n)
	}
	other := pgtest.Plain(t)
	if err := bootstrap.Install(ctx, other, quiet); err != nil {
		t.Fatal(err)
	}
	if created, err := first.Register(ctx, other, reg); err != nil || !created {
		t.Errorf("another database: created %v, err %v", created, err)
	}
}

// TestIdentityIsReused: a restart keeps the key, certificate and port.
func TestIdentityIsReused(t *testing.T) {
	dir := t.TempDir()
	a, err := localagent.Start(dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx) }()
	// A finished TLS handshake with the pinned certificate shows the agent
	// serves; its shutdown then releases the port before Serve returns.
	conn, err := tls.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", a.Port()), &tls.Config{InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			if identity.Fingerprint(cs.PeerCertificates[0].Raw) != a.Identity().Fingerprint {
				return errors.New("not the agent's certificate")
			}
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	b, err := localagent.Start(dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = b.Serve(ctx) }()
	if a.Identity().Key != b.Identity().Key || a.Identity().Fingerprint != b.Identity().Fingerprint || a.Port() != b.Port() {
		t.Errorf("restart changed the identity or port: %d -> %d", a.Port(), b.Port())
	}
}
