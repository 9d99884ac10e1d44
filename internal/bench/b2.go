package bench

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/prophasis/prophasis/internal/core"
)

// runB2 runs the whole core (scheduler, per-host dispatch over HTTPS to
// mock agents, Lua classification, ingest, state, health, alerting) on
// Hosts × Plugins every Interval, and measures one Duration window after
// a first interval of warm-up: results/s sustained, scheduling lateness
// (a result's start time past its grid instant), and CPU per 1,000 results.
func runB2(ctx context.Context, env *Env) ([]Row, error) {
	sz := env.Sizes
	dir, err := os.MkdirTemp("", "prophasis-b2-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	start := time.Now().UTC().Truncate(time.Second).Add(2 * time.Second)
	w, err := newWorld(ctx, env, dir, sz.Hosts, sz.Plugins, sz.Interval, start, 10)
	if err != nil {
		return nil, err
	}
	defer w.close()
	start = time.Now().UTC().Truncate(time.Second).Add(time.Second)
	if _, err := env.DB.Exec(ctx, `UPDATE schedule_intervals SET start_at = $1, next_run = NULL`, start); err != nil {
		return nil, fmt.Errorf("bench: b2 restart schedule: %w", err)
	}
	r, err := startCore(ctx, env, core.Config{})
	if err != nil {
		return nil, err
	}
	from := start.Add(sz.Interval)
	to := from.Add(sz.Duration)
	env.Progress.Start("b2", int(to.Sub(time.Now()).Seconds()))
	var w0, w1 int64
	var c0, c1 time.Duration
	err = sleepUntil(ctx, env, from)
	w0, c0 = r.core.IngestStats().Written, cpuTime()
	if err == nil {
		err = sleepUntil(ctx, env, to)
	}
	w1, c1 = r.core.IngestStats().Written, cpuTime()
	env.Progress.Done()
	disp := r.core.DispatchStats()
	if stopErr := r.stop(); err == nil {
		err = stopErr
	}
	if err != nil {
		return nil, err
	}
	m, err := b2Measure(ctx, env, start, from, to)
	if err != nil {
		return nil, err
	}
	return m.rows(sz, w1-w0, c1-c0, disp.Dropped), nil
}
