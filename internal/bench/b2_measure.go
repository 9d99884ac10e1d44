package bench

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/sched"
)

// b2Figures are what the results table says about B2's window.
type b2Figures struct {
	window              time.Duration
	results, failed     int64
	expected            int64
	p50, p99, maxLateMS float64
}

// b2Run is one stored result of the window.
type b2Run struct {
	HostID   int64
	PluginID string
	CheckID  int64
	Time     time.Time
	Status   string
}

// b2Measure reads the window's results: how many, how many were not ok,
// and how late each run started past its own due time. The scheduler
// moves each host's runs of a check to a fixed phase of the period
// (PhaseOffset), so a run is due at start + k·period + that offset,
// computed here as the core computed it (default scheduler settings).
func b2Measure(ctx context.Context, env *Env, start, from, to time.Time) (b2Figures, error) {
	const q = `SELECT host_id, plugin_id, check_id, time, status FROM results
		WHERE time >= $1 AND time < $2 AND check_id IS NOT NULL`
	period := env.Sizes.Interval
	f := b2Figures{window: to.Sub(from)}
	rows, _ := env.DB.Query(ctx, q, from, to)
	runs, err := pgx.CollectRows(rows, pgx.RowToStructByName[b2Run])
	if err != nil {
		return f, fmt.Errorf("bench: b2 measure: %w", err)
	}
	spread := sched.Config{}.SpreadWindow(period)
	late := make([]time.Duration, len(runs))
	for i, r := range runs {
		due := start.Add(sched.PhaseOffset(r.HostID, r.CheckID, spread))
		late[i] = ((r.Time.Sub(due) % period) + period) % period
		if r.Status != "ok" {
			f.failed++
		}
	}
	slices.Sort(late)
	f.results = int64(len(runs))
	f.p50, f.p99, f.maxLateMS = quantileMS(late, 0.5), quantileMS(late, 0.99), quantileMS(late, 1)
	instants := int64(f.window / period)
	f.expected = instants * int64(env.Sizes.Hosts*env.Sizes.Plugins)
	return f, nil
}

// quantileMS is the q-quantile of sorted durations in milliseconds
// (nearest rank), 0 when there are none.
func quantileMS(sorted []time.Duration, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := min(int(q*float64(len(sorted))), len(sorted)-1)
	return float64(sorted[i]) / float64(time.Millisecond)
}

func (f b2Figures) rows(sz Sizes, d b2Sample, dropped int64) []Row {
	secs := f.window.Seconds()
	perSec := float64(d.started()) / secs
	offered := float64(sz.Hosts*sz.Plugins) / sz.Interval.Seconds()
	cpuPer1k := 0.0
	if d.completed > 0 {
		cpuPer1k = d.cpu.Seconds() / float64(d.completed) * 1000
	}
	ok := perSec >= 2000
	p99 := d.late.Quantile(0.99)
	return []Row{
		info("b2", "load", "%d hosts × %d plugins every %s = %.0f checks/s offered, %s window", sz.Hosts, sz.Plugins, sz.Interval, offered, f.window),
		{Bench: "b2", Metric: "results/s started in window", Value: fmt.Sprintf("%.0f (runs the dispatcher started)", perSec), Target: "≥ 2000", Met: &ok},
		info("b2", "checks/s completed in window", "%.0f", float64(d.completed)/secs),
		info("b2", "results/s written in window", "%.0f", float64(d.written)/secs),
		info("b2", "results stored from the window", "%d of %d expected (%.1f %%), %d not ok, %d jobs dropped",
			f.results, f.expected, 100*float64(f.results)/float64(max(f.expected, 1)), f.failed, dropped),
		info("b2", "scheduling lateness p50", "≤ %s (start − own due, dispatcher's histogram, bucket bound)", ms(d.late.Quantile(0.5))),
		atMostRow("b2", "scheduling lateness p99", "≤ "+ms(p99), float64(p99)/float64(time.Millisecond), 1000, "1000 ms"),
		info("b2", "scheduling lateness max", "≤ %s", ms(d.late.Quantile(1))),
		info("b2", "stored results' lateness p50 / p99 / max", "%.0f / %.0f / %.0f ms", f.p50, f.p99, f.maxLateMS),
		info("b2", "CPU s per 1,000 results", "%.3f (this process per check completed in the window: the core, and the mock agents when in-process; PostgreSQL not counted)", cpuPer1k),
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }
