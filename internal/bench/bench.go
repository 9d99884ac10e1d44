// Package bench holds the programs behind `prophasis bench`: each one runs
// a part of the pipeline against its own private PostgreSQL and reports
// figures together with a ratio or target measured in the same run, because
// on a small shared machine absolute figures move by tens of percent
// between runs while ratios hold.
package bench

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/schema"
)

// Row is one reported figure: what was measured, its value, the target it
// is held against ("" when it is context only) and whether it was met.
type Row struct {
	Bench, Metric, Value, Target string
	Met                          *bool
}

// Env is what a benchmark runs with: a migrated database of the chosen
// storage mode, sizes, a logger and a progress reporter.
type Env struct {
	DB       *pgxpool.Pool
	Mode     schema.Mode
	Sizes    Sizes
	Logger   *slog.Logger
	Progress Progress
}

// Progress reports advance through a benchmark; Step(n) adds n of total.
type Progress interface {
	Start(what string, total int)
	Step(n int)
	Done()
}

// Benchmark is one named program.
type Benchmark struct {
	Name, Title string
	// Timescale says the benchmark only means something in timescale mode.
	Timescale bool
	Run       func(ctx context.Context, env *Env) ([]Row, error)
}

// All lists the benchmarks in the order `bench all` runs them.
func All() []Benchmark {
	return []Benchmark{
		{Name: "b1", Title: "ingest path vs plain COPY", Run: runB1},
		{Name: "b2", Title: "pipeline: hosts × plugins through the core", Run: runB2},
		{Name: "b5", Title: "fault to notification", Run: runB5},
		{Name: "b6", Title: "storage: compressed vs uncompressed", Timescale: true, Run: runB6},
		{Name: "b7", Title: "core memory with many hosts scheduled", Run: runB7},
		{Name: "agent", Title: "agent CPU and memory, idle and per check", Run: runAgent},
	}
}

// Select returns the benchmarks named, or all of them for "all".
func Select(names []string) ([]Benchmark, error) {
	all := All()
	if len(names) == 1 && names[0] == "all" {
		return all, nil
	}
	var out []Benchmark
	for _, n := range names {
		i := slices.IndexFunc(all, func(b Benchmark) bool { return b.Name == n })
		if i < 0 {
			return nil, fmt.Errorf("bench: unknown benchmark %q", n)
		}
		out = append(out, all[i])
	}
	return out, nil
}

// ratioRow is a row comparing got with a target share of want.
func ratioRow(bench, metric string, ratio, target float64) Row {
	met := ratio >= target
	return Row{Bench: bench, Metric: metric, Value: fmt.Sprintf("%.2f", ratio), Target: fmt.Sprintf("≥ %.2f", target), Met: &met}
}

// atMostRow is a row whose value must stay at or under limit.
func atMostRow(bench, metric, value string, got, limit float64, limitText string) Row {
	met := got <= limit
	return Row{Bench: bench, Metric: metric, Value: value, Target: "≤ " + limitText, Met: &met}
}

// info is a row without target.
func info(bench, metric, format string, args ...any) Row {
	return Row{Bench: bench, Metric: metric, Value: fmt.Sprintf(format, args...)}
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3f s", d.Seconds()) }
