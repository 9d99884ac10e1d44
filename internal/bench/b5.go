package bench

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/prophasis/prophasis/internal/core"
)

// runB5 measures fault to notification: a mock agent's value flips past
// the classifier's threshold and back, Flips times; each flip is timed
// from the change of the agent's answer until the webhook receiver holds
// the problem (or recovery) notification. The core runs with its default
// alert settings (tick 500 ms, group wait 1 s).
func runB5(ctx context.Context, env *Env) ([]Row, error) {
	sz := env.Sizes
	dir, err := os.MkdirTemp("", "prophasis-b5-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	w, err := newWorld(ctx, env, dir, 1, 1, sz.FlipInterval, time.Now().UTC().Truncate(time.Second), 10)
	if err != nil {
		return nil, err
	}
	defer w.close()
	rx, err := newReceiver(ctx, env)
	if err != nil {
		return nil, err
	}
	defer rx.close()
	r, err := startCore(ctx, env, core.Config{})
	if err != nil {
		return nil, err
	}
	samples, err := b5Flips(ctx, env, w, rx)
	if stopErr := r.stop(2 * time.Minute); err == nil {
		err = stopErr
	}
	if err != nil {
		return nil, err
	}
	slices.Sort(samples)
	p50, p99 := percentile(samples, 0.5), percentile(samples, 0.99)
	limit := sz.FlipInterval + 2*time.Second
	return []Row{
		info("b5", "flips", "%d problems + %d recoveries, check every %s", len(samples)/2, len(samples)/2, sz.FlipInterval),
		info("b5", "fault → webhook p50", "%s", secs(p50)),
		atMostRow("b5", "fault → webhook p99", secs(p99), p99.Seconds(), limit.Seconds(), "interval + 2 s = "+secs(limit)),
		info("b5", "fault → webhook max", "%s", secs(samples[len(samples)-1])),
	}, nil
}

// b5Flips waits for the host to be ok, then flips the value Flips times,
// timing each problem and each recovery notification.
func b5Flips(ctx context.Context, env *Env, w *world, rx *receiver) ([]time.Duration, error) {
	if err := waitHostState(ctx, env, w.hosts[0], "ok"); err != nil {
		return nil, err
	}
	env.Progress.Start("b5 flips", env.Sizes.Flips)
	defer env.Progress.Done()
	var out []time.Duration
	for range env.Sizes.Flips {
		for _, step := range []struct {
			value float64
			kind  string
		}{{90, "problem"}, {10, "recovery"}} {
			begin := time.Now()
			if err := w.setValue(step.value); err != nil {
				return nil, err
			}
			at, err := rx.wait(ctx, step.kind, 30*time.Second)
			if err != nil {
				return nil, err
			}
			out = append(out, at.Sub(begin))
		}
		env.Progress.Step(1)
	}
	return out, nil
}

// waitHostState polls the host's current state until it is want (30 s).
func waitHostState(ctx context.Context, env *Env, host int64, want string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		var got string
		_ = env.DB.QueryRow(ctx, `SELECT classification FROM current_state WHERE host_id = $1`, host).Scan(&got)
		if got == want {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("bench: host state stayed %q, want %q", got, want)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// percentile is the nearest-rank percentile of sorted samples.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}
