package script

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/alerttest"
)

func writeScript(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "notify.sh")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEnvAndStdin(t *testing.T) {
	dir := t.TempDir()
	p := writeScript(t, `env > "$1/env"; cat > "$1/stdin"`)
	t.Setenv("PROPHASIS_DATABASE_URL", "postgres://secret")
	n, err := New(Config{Path: p, Args: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	note := alerttest.Notification(t)
	note.Transitions[0].Message = "bad\x00byte"
	if _, err := n.Notify(context.Background(), note); err != nil {
		t.Fatal(err)
	}
	env, _ := os.ReadFile(filepath.Join(dir, "env"))
	for _, want := range []string{"PROPHASIS_KIND=problem", "PROPHASIS_RULE=on-call", "PROPHASIS_TO=critical",
		"PROPHASIS_FROM=ok", "PROPHASIS_NAME=" + note.Transitions[0].Name, "PROPHASIS_VALUE=97.5",
		"PROPHASIS_PLUGIN=com.example.cpu_load", "PROPHASIS_AT=2026-03-01T12:30:00Z", "PROPHASIS_MESSAGE=badbyte",
		"PROPHASIS_URL=https://mon.example.com/hosts/7", "PROPHASIS_COUNT=1"} {
		if !strings.Contains(string(env), want+"\n") {
			t.Errorf("env lacks %q", want)
		}
	}
	if strings.Contains(string(env), "secret") {
		t.Error("the server's environment leaked into the script")
	}
	var got alert.Notification
	stdin, _ := os.ReadFile(filepath.Join(dir, "stdin"))
	if err := json.Unmarshal(stdin, &got); err != nil || got.Title != note.Title || len(got.Transitions) != 1 {
		t.Errorf("stdin = %s (%v)", stdin, err)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		wantRetry bool
		wantText  string
	}{
		{"failure is final", "echo boom >&2; exit 1", false, "exit 1: boom"},
		{"tempfail retries", "echo later; exit 75", true, "exit 75: later"},
		{"output is capped", "head -c 100000 /dev/zero | tr '\\0' x; exit 2", false, "[output truncated]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := New(Config{Path: writeScript(t, tt.body), MaxOutput: 64})
			if err != nil {
				t.Fatal(err)
			}
			retry, err := n.Notify(context.Background(), alerttest.Notification(t))
			if err == nil || retry != tt.wantRetry || !strings.Contains(err.Error(), tt.wantText) {
				t.Fatalf("Notify = %v, %v", retry, err)
			}
			if len(err.Error()) > 64+200 {
				t.Errorf("error not capped: %d bytes", len(err.Error()))
			}
		})
	}
}

// TestTimeoutKillsProcessGroup runs a script whose background child keeps
// stdout open; without killing the group, Wait would block for a minute.
func TestTimeoutKillsProcessGroup(t *testing.T) {
	dir := t.TempDir()
	p := writeScript(t, `sleep 60 & echo $! > "$1/child"; wait`)
	n, err := New(Config{Path: p, Args: []string{dir}, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	retry, err := n.Notify(context.Background(), alerttest.Notification(t))
	if err == nil || !retry || !strings.Contains(err.Error(), "killed after 200ms") {
		t.Fatalf("Notify = %v, %v", retry, err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "child"))
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("child pid: %v", err)
	}
	// SIGKILL is delivered asynchronously: give the child a moment to die
	// (on a loaded machine it can still be runnable right after the kill),
	// but far less than the 60 s it would live if it had not been signalled.
	var stat []byte
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		stat, err = os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil || strings.Contains(string(stat), ") Z ") {
			return
		}
	}
	t.Errorf("background child %d still running 5 s after the timeout: %s", pid, stat)
}

func TestNewRequiresAbsolutePath(t *testing.T) {
	if _, err := New(Config{Path: "notify.sh"}); err == nil {
		t.Fatal("accepted a relative path")
	}
}
