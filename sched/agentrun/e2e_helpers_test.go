package agentrun_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prophasis/prophasis/sched"
)

// memStore is one schedule (every second from start) running one check on
// every host with every plugin, kept in memory.
type memStore struct {
	mu  sync.Mutex
	iv  sched.Interval
	exp sched.Expansion
}

func newMemStore(start time.Time, hosts hostMap) *memStore {
	c := sched.Check{ID: 1}
	exp := sched.Expansion{ScheduleChecks: map[int64][]int64{1: {1}}, Hosts: map[int64]sched.Host{}}
	for id, h := range hosts {
		c.HostIDs = append(c.HostIDs, id)
		exp.Hosts[id] = sched.Host{ID: id, Name: fmt.Sprint("host", id), Address: h.Addr}
	}
	for _, p := range pluginIDs {
		c.Plugins = append(c.Plugins, sched.CheckPlugin{PluginID: p, Timeout: time.Second})
	}
	exp.Checks = map[int64]sched.Check{1: c}
	return &memStore{iv: sched.Interval{ID: 1, ScheduleID: 1, Start: start, Period: period}, exp: exp}
}

func (s *memStore) Intervals(context.Context) ([]sched.Interval, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return []sched.Interval{s.iv}, nil
}

func (s *memStore) Advance(_ context.Context, old, next sched.Interval) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.iv != old {
		return false, nil
	}
	s.iv = next
	return true, nil
}

func (s *memStore) Expansion(context.Context, []int64) (sched.Expansion, error) { return s.exp, nil }

// countSink counts results per series and measures how late healthy hosts'
// checks started.
type countSink struct {
	mu       sync.Mutex
	counts   map[string]int
	hung     int
	maxLag   time.Duration
	failures []string
}

func (s *countSink) Submit(_ context.Context, r sched.Result) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Job.HostID == hungHost { // timeouts, and one run cancelled at shutdown
		if r.Status == sched.StatusOK {
			s.failures = append(s.failures, fmt.Sprintf("hung host result %s %q", r.Status, r.Message))
		}
		if r.Status == sched.StatusTimeout {
			s.hung++
		}
		return nil
	}
	if r.Status != sched.StatusOK || r.Value == nil || *r.Value != 42 {
		s.failures = append(s.failures, fmt.Sprintf("host %d %s: %s %q", r.Job.HostID, r.Job.PluginID, r.Status, r.Message))
	}
	s.counts[fmt.Sprint(r.Job.HostID, "/", r.Job.PluginID)]++
	s.maxLag = max(s.maxLag, r.Time.Sub(r.Job.Due))
	return nil
}

// check compares every healthy series with the number of fired instants.
func (s *countSink) check(t *testing.T, instants int) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if instants < 4 {
		t.Fatalf("only %d instants fired in %s", instants, window)
	}
	if len(s.failures) > 0 {
		t.Errorf("%d bad results, first: %s", len(s.failures), s.failures[0])
	}
	if len(s.counts) != healthyHosts*len(pluginIDs) {
		t.Errorf("%d series have results, want %d", len(s.counts), healthyHosts*len(pluginIDs))
	}
	for series, n := range s.counts {
		if n < instants-1 || n > instants {
			t.Errorf("series %s: %d results for %d instants", series, n, instants)
		}
	}
	if s.hung == 0 {
		t.Error("the hung host's checks never timed out")
	}
	if s.maxLag >= period { // a check starting a period late would collide with the next
		t.Errorf("healthy hosts' checks started up to %s late", s.maxLag)
	}
	t.Logf("%d instants, %d series, hung host timeouts %d, max start lag %s", instants, len(s.counts), s.hung, s.maxLag)
}
