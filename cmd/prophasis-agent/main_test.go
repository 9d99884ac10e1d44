package main

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/agent/client"
)

func freePort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestInitThenRunServesWithPrintedKeyAndFingerprint(t *testing.T) {
	dir := t.TempDir()
	config := filepath.Join(dir, "agent.yaml")
	addr := freePort(t)
	var out bytes.Buffer
	root := newRootCmd(slog.New(slog.DiscardHandler))
	root.SetOut(&out)
	root.SetArgs([]string{"init", "--config", config, "--listen", addr})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`key:\s+([0-9a-f]{64})`).FindStringSubmatch(out.String())
	fp := regexp.MustCompile(`fingerprint:\s+([0-9a-f]{64})`).FindStringSubmatch(out.String())
	if key == nil || fp == nil {
		t.Fatalf("init output lacks key or fingerprint:\n%s", out.String())
	}
	saved, _ := os.ReadFile(config)
	if bytes.Contains(saved, []byte(key[1])) {
		t.Fatal("the access key itself was written to the configuration")
	}
	root.SetArgs([]string{"init", "--config", config})
	if err := root.Execute(); err == nil {
		t.Fatal("init overwrote an existing configuration without --force")
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		run := newRootCmd(slog.New(slog.DiscardHandler))
		run.SetArgs([]string{"run", "--config", config})
		done <- run.ExecuteContext(ctx)
	}()
	c := client.New(client.Options{})
	host := client.HostConn{Addr: addr, Key: key[1], Fingerprint: fp[1]}
	var err error
	for range 100 {
		pctx, pcancel := context.WithTimeout(ctx, time.Second)
		_, err = c.Ping(pctx, host)
		pcancel()
		if err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("ping: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}

func TestRunRejectsUnknownConfigKeys(t *testing.T) {
	config := filepath.Join(t.TempDir(), "agent.yaml")
	os.WriteFile(config, []byte("listen: \":4048\"\nlisten_adress: \":1\"\n"), 0o600)
	run := newRootCmd(slog.New(slog.DiscardHandler))
	run.SetArgs([]string{"run", "--config", config})
	if err := run.Execute(); err == nil || !strings.Contains(err.Error(), "listen_adress") {
		t.Fatalf("want an error naming the unknown key, got %v", err)
	}
}

func TestExpandListen(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
		err  bool
	}{
		{"plain", []string{"127.0.0.1:4048"}, []string{"127.0.0.1:4048"}, false},
		{"range", []string{"127.0.0.2-4:4048"}, []string{"127.0.0.2:4048", "127.0.0.3:4048", "127.0.0.4:4048"}, false},
		{"ipv6", []string{"[::1]:4048"}, []string{"[::1]:4048"}, false},
		{"reversed", []string{"127.0.0.9-2:1"}, nil, true},
		{"too high", []string{"127.0.0.2-300:1"}, nil, true},
		{"no port", []string{"127.0.0.1"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := expandListen(tt.in)
			if (err != nil) != tt.err || !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, %v", got, err)
			}
		})
	}
}

// TestCrossCompile builds the agent for the other systems it ships on; the
// original agent broke on Windows because its timeouts used signals.
func TestCrossCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiling takes a while")
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	for _, target := range []string{"windows/amd64", "freebsd/amd64"} {
		goos, goarch, _ := strings.Cut(target, "/")
		cmd := exec.Command(gobin, "build", "-o", os.DevNull, ".")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", target, err, out)
		}
	}
}

// TestNoServerDependencies keeps the agent small and portable: it must not
// pull in the database driver, the web framework or the Lua VM.
func TestNoServerDependencies(t *testing.T) {
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(gobin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/jackc/pgx", "github.com/gin-gonic/gin", "github.com/yuin/gopher-lua"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("prophasis-agent depends on %s", dep)
			}
		}
	}
}
