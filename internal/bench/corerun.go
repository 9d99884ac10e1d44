package bench

import (
	"context"
	"fmt"
	"syscall"
	"time"

	"github.com/prophasis/prophasis/internal/core"
)

// running is a core started on the benchmark database.
type running struct {
	core   *core.Core
	cancel context.CancelFunc
	done   chan error
}

// startCore builds and runs a core with default settings except those
// cfg sets.
func startCore(ctx context.Context, env *Env, cfg core.Config) (*running, error) {
	cfg.DB, cfg.Secret, cfg.Logger = env.DB, worldSecret, env.Logger
	c, err := core.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("bench: core: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	r := &running{core: c, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- c.Run(ctx) }()
	return r, nil
}

// stop shuts the core down in order and waits until it has, or limit
// passed (then the core is left behind, and the database's Close cuts it
// off).
func (r *running) stop(limit time.Duration) error {
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			return fmt.Errorf("bench: core run: %w", err)
		}
		return nil
	case <-time.After(limit):
		return fmt.Errorf("bench: core did not stop within %s", limit)
	}
}

// sleepUntil waits until t, ticking progress once a second.
func sleepUntil(ctx context.Context, env *Env, t time.Time) error {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		d := time.Until(t)
		if d <= 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
			env.Progress.Step(1)
		case <-time.After(d):
			return nil
		}
	}
}

// cpuTime is the CPU (user + system) this process has used: the core and
// the in-process mock agents, not PostgreSQL.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
