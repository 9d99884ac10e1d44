package client

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

func TestSyncedRemembersPerHostAndPlugin(t *testing.T) {
	c := New(Options{})
	a, b := HostConn{Addr: "10.0.0.1"}, HostConn{Addr: "10.0.0.1:4049"}
	sha := strings.Repeat("ab", 32)
	c.markSynced(a, "p", strings.Clone(sha))
	switch {
	case !c.isSynced(HostConn{Addr: "10.0.0.1:4048"}, "p", sha):
		t.Error("same agent (default port spelled out) not known synced")
	case c.isSynced(b, "p", sha), c.isSynced(a, "q", sha):
		t.Error("another port or plugin counted as synced")
	case c.isSynced(a, "p", strings.Repeat("cd", 32)):
		t.Error("another digest counted as synced")
	}
	c.forget(a, "p")
	if c.isSynced(a, "p", sha) {
		t.Error("forgotten plugin still synced")
	}
}

// BenchmarkSyncedMemory reports what remembering one synced plugin on one
// agent costs, for 10,000 hosts × 10 plugins whose strings come from
// separate allocations (as they do from the database).
func BenchmarkSyncedMemory(b *testing.B) {
	sha := strings.Repeat("ab", 32)
	var perEntry float64
	for b.Loop() {
		c := New(Options{})
		var ms0, ms1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		for h := range 10_000 {
			host := HostConn{Addr: fmt.Sprintf("10.0.%d.%d:4048", h/250, h%250)}
			for p := range 10 {
				c.markSynced(host, fmt.Sprintf("com.example.p%02d", p), strings.Clone(sha))
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&ms1)
		perEntry += float64(ms1.HeapAlloc-ms0.HeapAlloc) / 100_000
		runtime.KeepAlive(c)
	}
	b.ReportMetric(perEntry/float64(b.N), "B/entry")
}
