//go:build race

package agentrun_test

import "time"

// The race detector slows HTTPS and JSON several times over, and on a
// small shared machine 500 checks per second no longer fit next to it. It
// is here to find races, not to measure throughput: it checks the same
// properties with 20 hosts and a two-second period, so a start lag caused by
// the detector on a loaded machine is not mistaken for a stalled queue; the
// full 100-host, one-second run is the normal build's.
const (
	healthyHosts = 20
	period       = 2 * time.Second
)

var window = windowFromEnv(10 * time.Second)
