package bench

import (
	"reflect"
	"testing"
	"time"
)

// TestB6RealisticDataIsRepeatableAndVariesLikePlugins checks what B6's
// figures rest on: every run stores the same results (so sizes compare
// across runs), and messages vary with the value for gauges while
// health checks repeat theirs, as the plugins they imitate do.
func TestB6RealisticDataIsRepeatableAndVariesLikePlugins(t *testing.T) {
	hosts := []int64{11, 12, 13, 14, 15, 16, 17, 18, 19, 20}
	a, b := b6Realistic(hosts), b6Realistic(hosts)
	distinct := map[string]map[string]bool{}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for k := range 150 {
		for i := range 100 {
			ra, rb := a(i, k, at), b(i, k, at)
			if !reflect.DeepEqual(ra, rb) {
				t.Fatalf("step %d series %d differs between two runs:\n%+v\n%+v", k, i, ra, rb)
			}
			if ra.Time.Before(at) || ra.Time.Sub(at) >= 20*time.Millisecond {
				t.Errorf("start %v not within 20 ms after its grid instant %v", ra.Time, at)
			}
			key := ra.PluginID + " " + ra.Message[:min(len(ra.Message), 4)]
			if i < 10 && ra.Status == "ok" {
				if distinct[key] == nil {
					distinct[key] = map[string]bool{}
				}
				distinct[key][ra.Message] = true
			}
		}
		at = at.Add(time.Minute)
	}
	for _, tt := range []struct {
		name     string
		key      string
		min, max int
	}{
		{"cpu load gauge", "com.prophasis.cpu_load load", 30, 150},
		{"check_ping output", "nagios.check_ping PING", 30, 150},
		{"disk / grows slowly", "com.prophasis.disk /: 1", 1, 10},
		{"heartbeat repeats", "com.prophasis.heartbeat aliv", 1, 1},
		{"smart repeats", "com.prophasis.smart /dev", 1, 1},
	} {
		if n := len(distinct[tt.key]); n < tt.min || n > tt.max {
			t.Errorf("%s: %d distinct messages in 150 runs, want %d..%d", tt.name, n, tt.min, tt.max)
		}
	}
}
