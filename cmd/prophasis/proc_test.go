package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards"
)

// TestMainProcess is not a test: the end-to-end tests re-run this binary
// with PROPHASIS_E2E_MAIN=1 so it behaves as the prophasis command, which
// exercises exactly the code `go build ./cmd/prophasis` produces.
func TestMainProcess(t *testing.T) {
	if os.Getenv("PROPHASIS_E2E_MAIN") != "1" {
		t.Skip("helper process for the end-to-end tests")
	}
	for i, a := range os.Args {
		if a == "--" {
			os.Args = append([]string{"prophasis"}, os.Args[i+1:]...)
			break
		}
	}
	os.Exit(run())
}

// proc is a running prophasis command and what it logged.
type proc struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	log  strings.Builder
	url  chan string
	done chan error
}

// prophasis starts the command with args; its stderr is collected.
func prophasis(t *testing.T, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestMainProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "PROPHASIS_E2E_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, url: make(chan string, 1), done: make(chan error, 1)}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go p.read(stderr)
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

var runningURL = regexp.MustCompile(`msg="prophasis is running" url=(\S+)`)

func (p *proc) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		p.mu.Lock()
		p.log.WriteString(sc.Text() + "\n")
		p.mu.Unlock()
		if m := runningURL.FindStringSubmatch(sc.Text()); m != nil {
			p.url <- m[1]
		}
	}
	p.done <- p.cmd.Wait()
}

func (p *proc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

// serving waits for the web app's URL, failing if the command exits first.
func (p *proc) serving(t *testing.T) string {
	t.Helper()
	select {
	case u := <-p.url:
		return u
	case err := <-p.done:
		t.Fatalf("prophasis exited before serving (%v):\n%s", err, p.output())
	case <-time.After(3 * time.Minute):
		t.Fatalf("prophasis not serving after 3 minutes:\n%s", p.output())
	}
	return ""
}

// stop sends SIGTERM and expects a clean exit.
func (p *proc) stop(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, p.output())
		}
	case <-time.After(time.Minute):
		t.Fatalf("no exit a minute after SIGTERM:\n%s", p.output())
	}
}

// finish waits for a command that ends by itself and returns its exit error.
func (p *proc) finish(t *testing.T) error {
	t.Helper()
	select {
	case err := <-p.done:
		return err
	case <-time.After(2 * time.Minute):
		t.Fatalf("command still running:\n%s", p.output())
	}
	return nil
}

func health(t *testing.T, base string) dashboards.Health {
	t.Helper()
	res, err := http.Get(base + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var h dashboards.Health
	if err := json.NewDecoder(res.Body).Decode(&h); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %d %+v %v", res.StatusCode, h, err)
	}
	return h
}

func dataDir(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	for _, d := range []string{filepath.Dir(base), base} {
		if err := os.Chmod(d, 0o711); err != nil { // as root, postgres must get through
			t.Fatal(err)
		}
	}
	return filepath.Join(base, "data")
}

var loggedDB = regexp.MustCompile(`config\.database="([^"]+)"`)

func embeddedDSN(t *testing.T, p *proc) string {
	t.Helper()
	m := loggedDB.FindStringSubmatch(p.output())
	if m == nil {
		t.Fatalf("no database URL logged:\n%s", p.output())
	}
	return m[1]
}

func execSQL(t *testing.T, dsn, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatal(err)
	}
}
