package pgserver

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// dataDir returns a fresh directory the postgres user can reach when the
// tests run as root (t.TempDir's parents are 0700).
func dataDir(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	for _, d := range []string{filepath.Dir(base), base} {
		if err := os.Chmod(d, 0o711); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(base, "pg")
}

func start(t *testing.T, dir string) *Server {
	t.Helper()
	return startWith(t, Config{Dir: dir, Throwaway: true})
}

func startWith(t *testing.T, cfg Config) *Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s, err := Start(ctx, cfg)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(func() { _ = s.Stop(context.Background()) })
	return s
}

func exec1(t *testing.T, s *Server, sql string, args ...any) pgx.Row {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close(ctx) })
	return conn.QueryRow(ctx, sql, args...)
}

func TestRestartKeepsData(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	s := start(t, dir)
	if _, err := pgxExec(s, `CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)`); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(context.Background()); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if exists(filepath.Join(dir, "postmaster.pid")) {
		t.Fatal("postmaster.pid left after a clean stop")
	}
	s2 := start(t, dir)
	var n int
	if err := exec1(t, s2, `SELECT v FROM kept`).Scan(&n); err != nil || n != 42 {
		t.Fatalf("after restart: v=%d err=%v", n, err)
	}
}

func pgxExec(s *Server, sql string) (int64, error) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	tag, err := conn.Exec(ctx, sql)
	return tag.RowsAffected(), err
}

// TestCrashAndReusedPid kills the postmaster, then plants its lock file with
// the PID of a live unrelated process, as after a reboot or container restart.
func TestCrashAndReusedPid(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	start(t, dir).Stop(context.Background()) // fast initdb; the server below is durable
	s := startWith(t, Config{Dir: dir})      // a committed row must survive the crash
	if _, err := pgxExec(s, `CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)`); err != nil {
		t.Fatal(err)
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
	sleeper := exec.Command("sleep", "60")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() }()
	pid := strconv.Itoa(sleeper.Process.Pid) + "\n" + dir + "\n"
	if err := os.WriteFile(filepath.Join(dir, "postmaster.pid"), []byte(pid), 0o600); err != nil {
		t.Fatal(err)
	}
	s2 := startEventually(t, dir)
	var n int
	if err := exec1(t, s2, `SELECT v FROM kept`).Scan(&n); err != nil || n != 7 {
		t.Fatalf("after crash: v=%d err=%v", n, err)
	}
}

// startEventually retries while the killed postmaster's children are still
// exiting (PostgreSQL refuses to start while they hold shared memory).
func startEventually(t *testing.T, dir string) *Server {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s, err := Start(context.Background(), Config{Dir: dir})
		if err == nil {
			t.Cleanup(func() { _ = s.Stop(context.Background()) })
			return s
		}
		t.Logf("start after crash: %v", err)
		if time.Now().After(deadline) {
			t.Fatalf("start after crash: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
