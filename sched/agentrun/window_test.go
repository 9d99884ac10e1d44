package agentrun_test

import (
	"os"
	"time"
)

// windowFromEnv lets a soak run last longer than the default without a
// separate test: PROPHASIS_E2E_WINDOW=20s.
func windowFromEnv(def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv("PROPHASIS_E2E_WINDOW")); err == nil && d > 0 {
		return d
	}
	return def
}
