package demo

import (
	"testing"
	"time"
)

// TestSimulatorValues: every demo host gets an entry per plugin on its own
// mock address, the values stay in range, and the file server's disk keeps
// filling from its last stored value, never past full.
func TestSimulatorValues(t *testing.T) {
	start := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	s := &simulator{key: "k", diskValue: 88, diskTime: start}
	addrs := make([]string, len(estate))
	for i, h := range estate {
		addrs[i] = h.address + ":4048"
	}
	s.bind(addrs)
	tests := []struct {
		after          time.Duration
		diskLo, diskHi float64
	}{
		{0, 87, 89},
		{24 * time.Hour, 88, 90},
		{5 * 24 * time.Hour, 92, 94},
		{90 * 24 * time.Hour, 99, 99.9},
	}
	for _, tt := range tests {
		d := s.data(start.Add(tt.after))
		if d.Key != "k" || len(d.Hosts) != len(estate) {
			t.Fatalf("after %s: key %q, %d hosts", tt.after, d.Key, len(d.Hosts))
		}
		for i, h := range estate {
			entries := d.Hosts[addrs[i]]
			if len(entries) != len(h.plugins) {
				t.Fatalf("%s has %d entries, want %d", h.name, len(entries), len(h.plugins))
			}
			for p, e := range entries {
				if e.Value == nil || *e.Value < 0 || (p != "demo.latency" && *e.Value > 100) {
					t.Errorf("after %s: %s %s = %v", tt.after, h.name, p, e.Value)
				}
			}
		}
		if v := *d.Hosts[addrs[5]]["demo.disk"].Value; v < tt.diskLo || v > tt.diskHi {
			t.Errorf("after %s the disk is at %.2f, want %.1f..%.1f", tt.after, v, tt.diskLo, tt.diskHi)
		}
	}
}
