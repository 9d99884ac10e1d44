//go:build race

package agentrun_test

import "time"

// The race detector slows HTTPS and JSON several times over, and on a
// small shared machine 500 checks per second no longer fit next to it. It
// is here to find races, not to measure throughput: it checks the same
// properties with 20 hosts; the full 100-host run is the normal build's.
const (
	healthyHosts   = 20
	period, window = time.Second, 5 * time.Second
)
