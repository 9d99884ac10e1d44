//go:build race

package agentrun_test

import "time"

// The race detector slows HTTPS and JSON several times over; on a small
// machine 500 checks per second no longer fit, so the period is stretched
// (same hosts, plugins and assertions).
const period, window = 3 * time.Second, 10 * time.Second
