package main

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/core"
)

func TestScaleFromFlag(t *testing.T) {
	tests := []struct {
		name, roles string
		set         bool
		want        core.Scale
		err         string
	}{
		{name: "unset: alone, every role", want: core.Scale{}},
		{name: "all three given: shared", roles: "sched,ingest,web", set: true,
			want: core.Scale{Roles: core.AllRoles, Shared: true}},
		{name: "web only", roles: "web", set: true, want: core.Scale{Roles: core.Roles(core.RoleWeb), Shared: true}},
		{name: "given empty", roles: "", set: true, err: "--roles"},
		{name: "unknown", roles: "sched,alerts", set: true, err: `unknown role "alerts"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := scaleFromFlag(tt.roles, tt.set)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("scaleFromFlag(%q) = %+v, %v; want error containing %q", tt.roles, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("scaleFromFlag(%q) = %+v, %v; want %+v", tt.roles, got, err, tt.want)
			}
		})
	}
}

// TestServeRefusesBadRoles: a wrong --roles fails before any connection,
// naming the valid roles, and --help documents the flag.
func TestServeRefusesBadRoles(t *testing.T) {
	root := newRootCmd(slog.New(slog.DiscardHandler))
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs([]string{"serve", "--db", "postgres://127.0.0.1:1/x", "--roles", "sched,scheduler"})
	err := root.Execute()
	if err == nil || !strings.Contains(err.Error(), `unknown role "scheduler"`) || !strings.Contains(err.Error(), "sched, ingest, web") {
		t.Fatalf("serve --roles=sched,scheduler: %v", err)
	}
	out.Reset()
	root.SetArgs([]string{"serve", "--help"})
	if err := root.Execute(); err != nil || !strings.Contains(out.String(), "--roles") || !strings.Contains(out.String(), "leases") {
		t.Fatalf("serve --help (%v) does not document --roles:\n%s", err, out.String())
	}
}

// TestServeSplitRoles runs a web process and a sched+ingest process on one
// migrated database, as a scaled-out installation does. The web process
// serves; the other does not even listen (it is given the same address)
// yet runs its scheduler, which registers in the lease table. Both stop
// cleanly on SIGTERM.
func TestServeSplitRoles(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	upp := prophasis(t, "up", "--data-dir", dir, "--listen", "127.0.0.1:0", "--no-local-agent")
	upp.serving(t)
	admin := embeddedDSN(t, upp)
	assertNoLocalAgent(t, admin, upp.output())
	execSQL(t, admin, `CREATE DATABASE split`)
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/split"
	db := u.String()
	if m := prophasis(t, "migrate", "--db", db, "--storage", "plain"); m.finish(t) != nil {
		t.Fatalf("migrate:\n%s", m.output())
	}
	secret, listen := filepath.Join(dir, "secret"), freeAddr(t)

	web := prophasis(t, "serve", "--db", db, "--secret-file", secret, "--listen", listen, "--roles", "web")
	if h := health(t, web.serving(t)); h.SchemaVersion != h.Latest {
		t.Fatalf("healthz of the web process: %+v", h)
	}
	worker := prophasis(t, "serve", "--db", db, "--secret-file", secret, "--listen", listen, "--roles", "ingest,sched")
	worker.serving(t)
	if !strings.Contains(worker.output(), `roles=sched,ingest shared=true`) {
		t.Fatalf("worker did not log its roles:\n%s", worker.output())
	}
	waitNode(t, db)
	worker.stop(t)
	web.stop(t)
	upp.stop(t)
}

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitNode waits until a scheduler has registered its heartbeat in db.
func waitNode(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var n int
		err := conn.QueryRow(ctx, `SELECT count(*) FROM scheduler_nodes WHERE 'sched' = ANY(roles)`).Scan(&n)
		if err == nil && n == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no scheduler registered (%d, %v)", n, err)
		}
	}
}
