package agentrun_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/mock"
	"github.com/prophasis/prophasis/sched"
	"github.com/prophasis/prophasis/sched/agentrun"
)

// hungHost is the id of the host whose agent never answers.
const hungHost = healthyHosts + 1

var pluginIDs = []string{"com.example.cpu", "com.example.mem", "com.example.disk", "com.example.load", "com.example.beat"}

// TestEndToEnd runs 100 hosts (20 under the race detector) on mock agents
// over real HTTPS × 5 plugins every second for five seconds, plus one host
// whose agent hangs: every series gets one result per fired instant (±1),
// no host ever has two checks in flight, and the hung host delays nobody.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("real-time end-to-end test")
	}
	agents, hosts := startAgents(t)
	defer agents.Close()
	cl := client.New(client.Options{})
	defer cl.Close()
	plugins := archives(t)
	warmUp(t, cl, hosts, plugins)
	watch := &watchRunner{next: agentrun.New(cl, hosts, plugins), active: map[int64]*atomic.Int32{}}
	for id := range hosts {
		watch.active[id] = new(atomic.Int32)
	}
	sink := &countSink{counts: map[string]int{}}
	logger := slog.New(slog.DiscardHandler)
	d := sched.NewDispatcher(sched.DispatchConfig{Grace: 500 * time.Millisecond}, watch, sink, sched.System{}, logger)
	queue := &dueCounter{next: d, dues: map[time.Time]bool{}}
	store := newMemStore(time.Now().Truncate(time.Second).Add(time.Second), hosts)
	ctx, cancel := context.WithTimeout(context.Background(), window)
	defer cancel()
	if err := sched.New(sched.Config{}, store, queue, sched.System{}, logger).Run(ctx); err != nil {
		t.Fatal(err)
	}
	drain, cancelDrain := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancelDrain()
	if err := d.Shutdown(drain); !errors.Is(err, sched.ErrDrainTimeout) {
		t.Errorf("shutdown = %v, want the hung host's checks dropped at the drain deadline", err)
	}
	sink.check(t, queue.count())
	if v := watch.violations.Load(); v != 0 {
		t.Errorf("%d times a host had two checks in flight", v)
	}
	t.Logf("dispatcher stats: %+v", d.Stats())
}

// startAgents serves every host from one mock process on its own loopback
// address; the last host's agent hangs on every run.
func startAgents(t *testing.T) (*mock.Server, hostMap) {
	t.Helper()
	data := mock.Data{Key: "secret", Hosts: map[string]map[string]mock.Entry{
		"*":                                   {"*": {Value: ptr(42), Message: "fine"}},
		fmt.Sprintf("127.0.0.%d", hungHost+1): {"*": {Hang: true}},
	}}
	raw, _ := json.Marshal(data)
	path := filepath.Join(t.TempDir(), "mock.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	var listen []string
	for id := 1; id <= hungHost; id++ {
		listen = append(listen, fmt.Sprintf("127.0.0.%d:0", id+1))
	}
	srv, err := mock.Start(mock.Config{DataFile: path, Listen: listen})
	if err != nil {
		t.Fatal(err)
	}
	hosts := hostMap{}
	for i, addr := range srv.Addrs() {
		hosts[int64(i+1)] = client.HostConn{Addr: addr, Key: "secret", Fingerprint: srv.Fingerprint()}
	}
	return srv, hosts
}

// warmUp installs the plugins on the healthy agents, as a running core
// would have done long before, so the measured seconds are steady state.
func warmUp(t *testing.T, cl *client.Client, hosts hostMap, plugins pluginMap) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for id := int64(1); id <= healthyHosts; id++ {
		wg.Go(func() {
			for _, p := range pluginIDs {
				if err := cl.Sync(ctx, hosts[id], p, plugins[p]); err != nil {
					t.Errorf("sync %s to host %d: %v", p, id, err)
				}
			}
		})
	}
	wg.Wait()
}

func ptr(v float64) *float64 { return &v }

// archives packs one small plugin per id, pushed to each agent on first use.
func archives(t *testing.T) pluginMap {
	t.Helper()
	out := pluginMap{}
	for _, id := range pluginIDs {
		b, err := bundle.Build(fstest.MapFS{
			"manifest.json": {Data: fmt.Appendf(nil, `{"id":%q,"name":"x","version":"1.0.0","entry":"run.sh",
				"protocol":"json","classifier":"c.lua","history":1,"view":{"kind":"line"}}`, id)},
			"run.sh": {Data: []byte("#!/bin/sh\n")},
			"c.lua":  {Data: []byte("return 'ok'")},
		})
		if err != nil {
			t.Fatal(err)
		}
		out[id] = client.Bytes(b.Archive)
	}
	return out
}

type hostMap map[int64]client.HostConn

func (h hostMap) Conn(_ context.Context, id int64) (client.HostConn, error) { return h[id], nil }

type pluginMap map[string]client.ArchiveSource

func (p pluginMap) Source(_ context.Context, id string) (client.ArchiveSource, error) {
	return p[id], nil
}

// watchRunner counts checks in flight per host around the real runner.
type watchRunner struct {
	next       sched.Runner
	active     map[int64]*atomic.Int32
	violations atomic.Int32
}

func (w *watchRunner) Run(ctx context.Context, job sched.Job) sched.Result {
	c := w.active[job.HostID]
	if c.Add(1) > 1 {
		w.violations.Add(1)
	}
	defer c.Add(-1)
	return w.next.Run(ctx, job)
}

// dueCounter records the distinct run instants the scheduler fired: a
// job's Due is its instant plus its series' spread.
type dueCounter struct {
	next sched.Enqueuer
	mu   sync.Mutex
	dues map[time.Time]bool
}

func (q *dueCounter) Enqueue(j sched.Job) error {
	q.mu.Lock()
	q.dues[j.Due.Add(-sched.PhaseOffset(j.HostID, j.CheckID, sched.Config{}.SpreadWindow(period)))] = true
	q.mu.Unlock()
	return q.next.Enqueue(j)
}

func (q *dueCounter) count() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.dues)
}
