//go:build !race

package agentrun_test

import "time"

// 100 hosts × 5 plugins every second. The default run lasts five seconds;
// issue 4's twenty-second soak is `PROPHASIS_E2E_WINDOW=20s go test -run
// TestEndToEnd ./sched/agentrun/` on a quiet machine (see docs/scheduling.md).
const (
	healthyHosts = 100
	period       = time.Second
)

var window = windowFromEnv(5 * time.Second)
