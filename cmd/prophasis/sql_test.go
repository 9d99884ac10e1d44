package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// runSQLCLI runs the command tree in-process with stdin.
func runSQLCLI(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	root := newRootCmd(slog.New(slog.DiscardHandler))
	var out bytes.Buffer
	root.SetArgs(args)
	root.SetIn(strings.NewReader(stdin))
	root.SetOut(&out)
	root.SetErr(&out)
	err := root.Execute()
	return out.String(), err
}

func TestSQLReaderRefusesBadInputBeforeConnecting(t *testing.T) {
	closed := "postgres://u:hunter2@127.0.0.1:1/x?connect_timeout=2"
	for _, tt := range []struct {
		name, stdin, want string
		args              []string
	}{
		{"bad name", "long enough pw\n", "role name", []string{"sql", "reader", "create", "Robert'); DROP", "--db", closed}},
		{"short password", "short\n", "8 to 1024", []string{"sql", "reader", "create", "bi", "--db", closed}},
		{"missing password file", "", "password file", []string{"sql", "reader", "create", "bi", "--db", closed, "--password-file", "/nonexistent/pw"}},
		{"no database", "long enough pw\n", "no database", []string{"sql", "reader", "drop", "bi"}},
		{"unreachable", "long enough pw\n", "connect to", []string{"sql", "reader", "create", "bi", "--db", closed}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PROPHASIS_DATABASE_URL", "")
			out, err := runSQLCLI(t, tt.stdin, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %v, want one mentioning %q", err, tt.want)
			}
			if strings.Contains(err.Error()+out, "hunter2") || strings.Contains(err.Error()+out, "long enough pw") {
				t.Errorf("a secret leaked: %v\n%s", err, out)
			}
		})
	}
}

// TestSQLReaderCreateAndDrop runs the real binary against the database of
// `prophasis up`: the reader reads a view, cannot read users, and is gone
// after drop.
func TestSQLReaderCreateAndDrop(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	upp := prophasis(t, "up", "--data-dir", dir, "--listen", "127.0.0.1:0")
	upp.serving(t)
	defer stopUp(t, upp)
	admin := embeddedDSN(t, upp)
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte("s3cret reader pw\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	create := prophasis(t, "sql", "reader", "create", "bi_reader", "--db", admin, "--password-file", pwFile, "--statement-timeout", "5s")
	if err := create.finish(t); err != nil {
		t.Fatalf("create: %v\n%s", err, create.output())
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User("bi_reader")
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	var timeout string
	if err := conn.QueryRow(ctx, `SELECT current_setting('statement_timeout') FROM analyst.hosts LIMIT 1`).Scan(&timeout); err != nil && err != pgx.ErrNoRows {
		t.Errorf("reader reads analyst.hosts: %v", err)
	}
	if err := conn.QueryRow(ctx, `SHOW statement_timeout`).Scan(&timeout); err != nil || timeout != "5s" {
		t.Errorf("statement_timeout %q (%v), want 5s", timeout, err)
	}
	if _, err := conn.Exec(ctx, `SELECT password_hash FROM users`); err == nil {
		t.Error("reader read users")
	}
	_ = conn.Close(ctx)
	drop := prophasis(t, "sql", "reader", "drop", "bi_reader", "--db", admin)
	if err := drop.finish(t); err != nil {
		t.Fatalf("drop: %v\n%s", err, drop.output())
	}
	if c, err := pgx.Connect(ctx, u.String()); err == nil {
		_ = c.Close(ctx)
		t.Error("bi_reader can still log in after drop")
	}
}

// stopUp ends `up` without judging its exit status: a SIGTERM that arrives
// while it is still installing its stock plugins makes it exit 1, which is
// not what these tests are about.
func stopUp(t *testing.T, p *proc) {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(time.Minute):
		t.Errorf("up still running a minute after SIGTERM:\n%s", p.output())
	}
}
