package pgserver

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestHelperServer is not a test: TestKilledParentStopsServer runs this
// binary as a process that starts a server and then is killed.
func TestHelperServer(t *testing.T) {
	dir := os.Getenv("PGSERVER_HELPER_DIR")
	if dir == "" {
		t.Skip("helper process for TestKilledParentStopsServer")
	}
	s, err := Start(context.Background(), Config{Dir: dir, Throwaway: true})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("ready", s.cmd.Process.Pid)
	select {}
}

// TestKilledParentStopsServer checks that a crashed `prophasis up` or a test
// binary killed on timeout does not leave its PostgreSQL running.
func TestKilledParentStopsServer(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the parent-death signal is Linux-only")
	}
	t.Parallel()
	dir := dataDir(t)
	helper := exec.Command(os.Args[0], "-test.run=^TestHelperServer$")
	helper.Env = append(os.Environ(), "PGSERVER_HELPER_DIR="+dir)
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	pid, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "ready ")))
	if err != nil {
		_ = helper.Process.Kill()
		t.Fatalf("helper: %q", line)
	}
	_ = helper.Process.Kill()
	_ = helper.Wait()
	deadline := time.Now().Add(30 * time.Second)
	for running(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("postmaster %d still running 30 s after its parent was killed", pid)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if exists(filepath.Join(dir, "postmaster.pid")) {
		t.Fatal("postmaster.pid left behind: the server did not shut down cleanly")
	}
}

// running reports whether pid is alive and not a zombie.
func running(pid int) bool {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	_, rest, _ := strings.Cut(string(stat), ") ")
	return !strings.HasPrefix(rest, "Z")
}
