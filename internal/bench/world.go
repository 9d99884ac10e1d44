package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/prophasis/prophasis/agent/mock"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

// worldSecret is the server secret of the benchmark core.
var worldSecret = bytes.Repeat([]byte{7}, 32)

// agentKey is the mock agents' access key.
const agentKey = "bench-agent-key"

// maxAgentAddrs bounds the loopback addresses mock agents listen on (file
// descriptors are limited); hosts beyond it share addresses, each host
// still with its own queue, but the client keeps only two idle
// connections per address, so sharing hosts pay more TLS handshakes.
const maxAgentAddrs = 2000

// world is a database configured like an installation: hosts on mock
// agents over real HTTPS, plugins with classifiers, one check of every host
// with every plugin on one schedule.
type world struct {
	env    *Env
	data   string
	agents agents
	// where says whether the mock agents run in this process.
	where   string
	hosts   []int64
	plugins []string
	check   int64
	start   time.Time
}

// newWorld sets up hosts × plugins answering value, checked every period
// from start.
func newWorld(ctx context.Context, env *Env, dir string, hosts, plugins int, period time.Duration, start time.Time, value float64) (*world, error) {
	w := &world{env: env, data: filepath.Join(dir, "mock.json"), start: start}
	if err := w.setValue(value); err != nil {
		return nil, err
	}
	var err error
	if w.agents, w.where, err = startAgents(ctx, env, w.data, min(hosts, maxAgentAddrs)); err != nil {
		return nil, fmt.Errorf("bench: mock agents: %w", err)
	}
	if err := w.build(ctx, hosts, plugins, period); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *world) build(ctx context.Context, hosts, plugins int, period time.Duration) error {
	if err := w.addHosts(ctx, hosts); err != nil {
		return err
	}
	for i := range plugins {
		if err := w.addPlugin(ctx, fmt.Sprintf("com.example.p%02d", i)); err != nil {
			return err
		}
	}
	return w.addCheck(ctx, period)
}

// setValue makes every mock agent answer v from now on.
func (w *world) setValue(v float64) error {
	data := mock.Data{Key: agentKey, Hosts: map[string]map[string]mock.Entry{"*": {"*": {Value: &v, Message: "load"}}}}
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	tmp := w.data + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		return fmt.Errorf("bench: mock data: %w", err)
	}
	return os.Rename(tmp, w.data)
}

func (w *world) addHosts(ctx context.Context, n int) error {
	keys, err := secretbox.New(worldSecret, "agent-key")
	if err != nil {
		return err
	}
	sealed := keys.Seal([]byte(agentKey))
	addrs := w.agents.Addrs()
	w.env.Progress.Start("hosts", n)
	defer w.env.Progress.Done()
	for i := range n {
		addr, portText, _ := net.SplitHostPort(addrs[i%len(addrs)])
		port, _ := strconv.Atoi(portText)
		id, err := storage.CreateHost(ctx, w.env.DB, storage.Host{Name: fmt.Sprintf("host%05d", i), Address: addr, Port: port,
			AgentKey: sealed, Fingerprint: w.agents.Fingerprint(), Enabled: true})
		if err != nil {
			return fmt.Errorf("bench: host: %w", err)
		}
		w.hosts = append(w.hosts, id)
		w.env.Progress.Step(1)
	}
	return nil
}

func (w *world) close() { _ = w.agents.Close() }
