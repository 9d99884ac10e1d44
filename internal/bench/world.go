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

// maxAgentAddrs bounds the loopback addresses mock agents listen on;
// hosts beyond it share addresses (each host still has its own queue).
const maxAgentAddrs = 200

// world is a database configured like an installation: hosts on mock
// agents over real HTTPS, plugins with classifiers, one check of every host
// with every plugin on one schedule.
type world struct {
	env     *Env
	data    string
	agents  *mock.Server
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
	var listen []string
	for i := range min(hosts, maxAgentAddrs) {
		listen = append(listen, fmt.Sprintf("127.0.%d.%d:0", 1+i/250, 1+i%250))
	}
	var err error
	if w.agents, err = mock.Start(mock.Config{DataFile: w.data, Listen: listen, Logger: env.Logger}); err != nil {
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
