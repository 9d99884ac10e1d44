package pgserver

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSecondStartRefused(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	start(t, dir)
	_, err := Start(context.Background(), Config{Dir: dir, Throwaway: true})
	if !errors.Is(err, ErrRunning) {
		t.Fatalf("second start on a running directory: err=%v, want ErrRunning", err)
	}
}

func TestForeignDirectoryRefused(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Config{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "neither empty nor a PostgreSQL data directory") {
		t.Fatalf("err=%v", err)
	}
	if !exists(filepath.Join(dir, "notes.txt")) {
		t.Fatal("a foreign file was removed")
	}
}

// TestUnreachableDirectoryExplained: as root the cluster belongs to the
// postgres user, which must be able to enter every parent directory.
func TestUnreachableDirectoryExplained(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root hands the cluster to the postgres user")
	}
	t.Parallel()
	closed := t.TempDir()
	if err := os.Chmod(closed, 0o700); err != nil { // owned by root, closed to others
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Config{Dir: filepath.Join(closed, "pg")})
	if err == nil || !strings.Contains(err.Error(), "chmod o+x "+closed) {
		t.Fatalf("err = %v", err)
	}
}

// TestStartFailureShowsServerLog: when PostgreSQL refuses to start, the
// error carries its own explanation from the server log.
func TestStartFailureShowsServerLog(t *testing.T) {
	t.Parallel()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	_, err = Start(context.Background(), Config{Dir: dataDir(t), Port: port, Throwaway: true})
	if err == nil || !strings.Contains(err.Error(), "could not bind") || !strings.Contains(err.Error(), "server.log") {
		t.Fatalf("start on a taken port: %v", err)
	}
}
