package bench

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/sched"
)

// runB2 runs the whole core (scheduler, per-host dispatch over HTTPS to
// mock agents, Lua classification, ingest, state, health, alerting) on
// Hosts × Plugins every Interval, and measures one Duration window that
// begins Warmup after the first round has completed: runs started per second, scheduling
// lateness (a run's start past its own due time: the grid instant plus the
// scheduler's spread of that host, as the dispatcher counts it, and as the
// stored results show it), and CPU per 1,000 checks completed. A core that
// does not stop in time is reported with what was stored.
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
	err = waitCompleted(ctx, env, r, int64(sz.Hosts*sz.Plugins), 3*time.Minute)
	firstRound := time.Since(start)
	from := nextInstant(start, sz.Interval, time.Now().Add(sz.Warmup))
	to := from.Add(sz.Duration)
	env.Progress.Start("b2 window", int(time.Until(to).Seconds()))
	var s0, sMid, s1 b2Sample
	if err == nil {
		err = sleepUntil(ctx, env, from)
	}
	s0 = sample(r, w)
	if err == nil {
		err = sleepUntil(ctx, env, from.Add(sz.Duration/2))
	}
	sMid = sample(r, w)
	if err == nil {
		err = sleepUntil(ctx, env, to)
	}
	s1 = sample(r, w)
	env.Progress.Done()
	disp := r.core.DispatchStats()
	stopErr := r.stop(2 * time.Minute)
	if err != nil {
		return nil, err
	}
	m, err := b2Measure(ctx, env, start, from, to)
	if err != nil {
		return nil, err
	}
	rows := append([]Row{info("b2", "first round", "%s from the first due instant until %d checks had completed (connections, plugin installs); window from %s after it",
		firstRound.Round(time.Millisecond), sz.Hosts*sz.Plugins, from.Sub(start.Add(firstRound)).Round(time.Second))},
		m.rows(sz, s1.minus(s0), disp.Dropped)...)
	rows = append(rows, info("b2", "scheduling lateness p99, second half of the window", "≤ %s (whether a backlog left by the first round still drains)",
		ms(s1.late.Minus(sMid.late).Quantile(0.99))))
	if stopErr != nil {
		rows = append(rows, info("b2", "core stop", "%v: results not yet written are missing above", stopErr))
	}
	return append(rows, info("b2", "mock agents", "%s; their CPU s per 1,000 results %.3f", w.where,
		(s1.mock-s0.mock).Seconds()/float64(max(s1.completed-s0.completed, 1))*1000)), nil
}

// b2Sample is the core's counters and the CPU used at one instant.
type b2Sample struct {
	written, completed int64
	late               sched.Lateness // runs started, by lateness
	cpu, mock          time.Duration
}

func sample(r *running, w *world) b2Sample {
	d := r.core.DispatchStats()
	return b2Sample{written: r.core.IngestStats().Written, completed: d.Completed, late: d.Late,
		cpu: cpuTime(), mock: mockCPU(w.agents)}
}

func (s b2Sample) minus(o b2Sample) b2Sample {
	return b2Sample{written: s.written - o.written, completed: s.completed - o.completed,
		late: s.late.Minus(o.late), cpu: s.cpu - o.cpu, mock: s.mock - o.mock}
}

// started is the number of runs the sample's lateness counts.
func (s b2Sample) started() int64 {
	var n int64
	for _, c := range s.late {
		n += c
	}
	return n
}

// waitCompleted waits until the core has completed n checks (the first
// round: TLS connections made, plugins installed on the agents) or limit
// has passed.
func waitCompleted(ctx context.Context, env *Env, r *running, n int64, limit time.Duration) error {
	env.Progress.Start("b2 first round", int(n))
	defer env.Progress.Done()
	deadline := time.Now().Add(limit)
	var last int64
	for time.Now().Before(deadline) {
		done := r.core.DispatchStats().Completed
		env.Progress.Step(int(done - last))
		if last = done; done >= n {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return nil
}

// nextInstant is the first grid instant start + k·period after now.
func nextInstant(start time.Time, period time.Duration, now time.Time) time.Time {
	return start.Add((now.Sub(start)/period + 1) * period)
}

// mockCPU is the CPU the mock agents' process used, when they have one.
func mockCPU(a agents) time.Duration {
	p, ok := a.(*mockProc)
	if !ok {
		return 0
	}
	own, _, _ := procCPU(p.Pid())
	return own
}
