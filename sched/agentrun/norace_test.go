//go:build !race

package agentrun_test

import "time"

// period and window: every second for five seconds.
const period, window = time.Second, 5 * time.Second
