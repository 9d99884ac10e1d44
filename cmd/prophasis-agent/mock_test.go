package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/prophasis/prophasis/agent/client"
)

// syncBuffer lets the test read what the command writes from its goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestMockCommandServesTheDataFile(t *testing.T) {
	data := filepath.Join(t.TempDir(), "mock.json")
	os.WriteFile(data, []byte(`{"hosts": {"127.0.0.1": {"*": {"value": 7, "message": "seven"}}}}`), 0o644)
	addr := freePort(t)
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		root := newRootCmd(slog.New(slog.DiscardHandler))
		root.SetOut(&out)
		root.SetArgs([]string{"mock", "--data", data, "--listen", addr})
		done <- root.ExecuteContext(ctx)
	}()
	fp := regexp.MustCompile(`fingerprint ([0-9a-f]{64})`)
	var m []string
	for i := 0; i < 200 && m == nil; i++ {
		time.Sleep(10 * time.Millisecond)
		m = fp.FindStringSubmatch(out.String())
	}
	if m == nil {
		t.Fatalf("mock printed no fingerprint: %q", out.String())
	}
	host := client.HostConn{Addr: addr, Fingerprint: m[1]}
	p, err := client.New(client.Options{}).Ping(context.Background(), host)
	if err != nil || p.AgentVersion != "mock" {
		t.Fatalf("ping: %+v %v", p, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("mock: %v", err)
	}
}
