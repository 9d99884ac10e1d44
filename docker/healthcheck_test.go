package docker

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestServerHealthcheckExitCode(t *testing.T) {
	bin := filepath.Join(binaries(t), "prophasis")
	tests := []struct {
		name   string
		status int
		ok     bool
	}{
		{name: "healthy", status: http.StatusOK, ok: true},
		{name: "database down", status: http.StatusServiceUnavailable, ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/healthz" {
					http.NotFound(w, r)
					return
				}
				w.WriteHeader(tt.status)
			}))
			defer srv.Close()
			out, err := exec.Command(bin, "healthcheck", "--listen", srv.Listener.Addr().String()).CombinedOutput()
			if (err == nil) != tt.ok {
				t.Fatalf("healthcheck against %d: err=%v, want ok=%v\n%s", tt.status, err, tt.ok, out)
			}
		})
	}
	closed := freeAddr(t)
	if err := exec.Command(bin, "healthcheck", "--listen", closed, "--timeout", "2s").Run(); err == nil {
		t.Fatal("healthcheck succeeded with nothing listening")
	}
}

func TestAgentHealthcheckFollowsTheAgent(t *testing.T) {
	bin := filepath.Join(binaries(t), "prophasis-agent")
	config := filepath.Join(t.TempDir(), "agent.yaml")
	addr := freeAddr(t)
	if out, err := exec.Command(bin, "init", "--config", config, "--listen", addr).CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	check := func() error { return exec.Command(bin, "healthcheck", "--config", config, "--timeout", "2s").Run() }
	if check() == nil {
		t.Fatal("healthcheck succeeded before the agent runs")
	}
	ctx, cancel := context.WithCancel(context.Background())
	run := exec.CommandContext(ctx, bin, "run", "--config", config)
	if err := run.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); run.Wait() }()
	deadline := time.Now().Add(10 * time.Second)
	for check() != nil {
		if time.Now().After(deadline) {
			t.Fatal("healthcheck never succeeded against a running agent")
		}
		time.Sleep(50 * time.Millisecond) // waiting for another process to bind
	}
	cancel()
	run.Wait()
	if check() == nil {
		t.Fatal("healthcheck still succeeds after the agent stopped")
	}
}

// freeAddr returns a loopback address nothing listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
