//go:build unix

package runner

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func script(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "plugin.sh")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// alive reports whether pid exists and is not a zombie waiting to be reaped.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}

func TestTimeoutKillsForkedChildren(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	path := script(t, "sleep 1000 &\necho $! > "+pidFile+"\nsleep 1000\n")
	out, err := Run(context.Background(), Spec{Path: path, Timeout: 300 * time.Millisecond, MaxOutput: 1024})
	if err != nil {
		t.Fatal(err)
	}
	if !out.TimedOut || out.ExitCode != -1 {
		t.Fatalf("want timeout, got %+v", out)
	}
	if out.Duration > 10*time.Second { // far below the 1000 s the script would run
		t.Fatalf("run took %v after a 300ms timeout", out.Duration)
	}
	raw, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(raw)))
	deadline := time.Now().Add(5 * time.Second)
	for alive(pid) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if alive(pid) {
		t.Fatalf("child %d survived the timeout", pid)
	}
}

func TestBackgroundChildDoesNotHoldTheRun(t *testing.T) {
	path := script(t, "sleep 1000 &\necho done\n")
	out, err := Run(context.Background(), Spec{Path: path, Timeout: 30 * time.Second, MaxOutput: 1024})
	if err != nil || out.TimedOut || string(out.Stdout) != "done\n" {
		t.Fatalf("out %+v err %v", out, err)
	}
	if out.Duration > 20*time.Second {
		t.Fatalf("background child held the run for %v", out.Duration)
	}
}

func TestOutputIsCapped(t *testing.T) {
	path := script(t, "head -c 100000000 /dev/zero\necho tail >&2\nexit 3\n")
	out, err := Run(context.Background(), Spec{Path: path, Timeout: 20 * time.Second, MaxOutput: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Stdout) != 64<<10 || !out.Truncated || out.ExitCode != 3 || string(out.Stderr) != "tail\n" {
		t.Fatalf("kept %d bytes, truncated %v, exit %d, stderr %q", len(out.Stdout), out.Truncated, out.ExitCode, out.Stderr)
	}
}

func TestArgsEnvAndClosedStdin(t *testing.T) {
	path := script(t, `printf '%s|' "$@" "$PROPHASIS_ARG_MOUNT"; cat; echo "<eof>"`)
	out, err := Run(context.Background(), Spec{Path: path, Args: []string{"--mount", "/var lib"},
		Env: []string{"PROPHASIS_ARG_MOUNT=/var lib"}, Timeout: 5 * time.Second, MaxOutput: 1024})
	if err != nil || string(out.Stdout) != "--mount|/var lib|/var lib|<eof>\n" {
		t.Fatalf("stdout %q err %v", out.Stdout, err)
	}
}

func TestStartErrors(t *testing.T) {
	dir := t.TempDir()
	notExec := filepath.Join(dir, "plain")
	os.WriteFile(notExec, []byte("#!/bin/sh\n"), 0o644)
	for _, p := range []string{filepath.Join(dir, "missing"), notExec} {
		if _, err := Run(context.Background(), Spec{Path: p, Timeout: time.Second}); err == nil {
			t.Errorf("%s: want start error", p)
		}
	}
}
