//go:build !race

package agentrun_test

import "time"

// 100 hosts × 5 plugins every second for five seconds.
const (
	healthyHosts   = 100
	period, window = time.Second, 5 * time.Second
)
