package bench

import (
	"context"
	"fmt"
	"time"
)

// b2Figures are what the results table says about B2's window.
type b2Figures struct {
	window              time.Duration
	results, failed     int64
	expected            int64
	p50, p99, maxLateMS float64
}

// b2Measure reads the window's results: how many, how many were not ok,
// and how late each run started past its grid instant (start + k·period).
func b2Measure(ctx context.Context, env *Env, start, from, to time.Time) (b2Figures, error) {
	const q = `
SELECT count(*), count(*) FILTER (WHERE status <> 'ok'),
	coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY late), 0),
	coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY late), 0),
	coalesce(max(late), 0)
FROM (SELECT status, (extract(epoch FROM time - $1) * 1000)::numeric % $2 AS late
	FROM results WHERE time >= $3 AND time < $4 AND check_id IS NOT NULL) r`
	period := env.Sizes.Interval
	f := b2Figures{window: to.Sub(from)}
	err := env.DB.QueryRow(ctx, q, start, period.Milliseconds(), from, to).Scan(&f.results, &f.failed, &f.p50, &f.p99, &f.maxLateMS)
	if err != nil {
		return f, fmt.Errorf("bench: b2 measure: %w", err)
	}
	instants := int64(f.window / period)
	f.expected = instants * int64(env.Sizes.Hosts*env.Sizes.Plugins)
	return f, nil
}

func (f b2Figures) rows(sz Sizes, written int64, cpu time.Duration, dropped int64) []Row {
	perSec := float64(f.results) / f.window.Seconds()
	offered := float64(sz.Hosts*sz.Plugins) / sz.Interval.Seconds()
	cpuPer1k := 0.0
	if written > 0 {
		cpuPer1k = cpu.Seconds() / float64(written) * 1000
	}
	ok := perSec >= 2000
	return []Row{
		info("b2", "load", "%d hosts × %d plugins every %s = %.0f checks/s offered, %s window", sz.Hosts, sz.Plugins, sz.Interval, offered, f.window),
		{Bench: "b2", Metric: "results/s started in window", Value: fmt.Sprintf("%.0f", perSec), Target: "≥ 2000", Met: &ok},
		info("b2", "results/s written in window", "%.0f", float64(written)/f.window.Seconds()),
		info("b2", "completeness", "%d of %d expected (%.1f %%), %d not ok, %d jobs dropped",
			f.results, f.expected, 100*float64(f.results)/float64(max(f.expected, 1)), f.failed, dropped),
		info("b2", "scheduling lateness p50", "%.0f ms", f.p50),
		atMostRow("b2", "scheduling lateness p99", fmt.Sprintf("%.0f ms", f.p99), f.p99, 1000, "1000 ms"),
		info("b2", "scheduling lateness max", "%.0f ms", f.maxLateMS),
		info("b2", "CPU s per 1,000 results", "%.3f (this process: the core, and the mock agents when in-process; PostgreSQL not counted)", cpuPer1k),
	}
}
