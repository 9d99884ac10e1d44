package bench

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime"

	"github.com/prophasis/prophasis/internal/schema"
)

// Options say how to run benchmarks.
type Options struct {
	// Mode is the storage mode of each benchmark's database (plain or
	// timescale); benchmarks that only mean something in timescale mode
	// use timescale whatever it says.
	Mode     schema.Mode
	Sizes    Sizes
	Logger   *slog.Logger
	Progress Progress
}

// Run runs b against its own freshly started and migrated PostgreSQL,
// stopped and removed afterwards, and returns its rows, the first of which
// describes the machine and database it ran on.
func Run(ctx context.Context, b Benchmark, opts Options) ([]Row, error) {
	mode := opts.Mode
	if b.Timescale {
		mode = schema.ModeTimescale
	}
	if opts.Progress == nil {
		opts.Progress = Silent{}
	}
	db, err := StartDatabase(ctx, mode)
	if err != nil {
		return nil, fmt.Errorf("bench: %s: %w", b.Name, err)
	}
	defer db.Close()
	env := &Env{DB: db.Pool, Mode: mode, Sizes: opts.Sizes, Logger: opts.Logger, Progress: opts.Progress}
	rows, err := b.Run(ctx, env)
	if err != nil {
		return nil, fmt.Errorf("bench: %s: %w", b.Name, err)
	}
	pg, ts := db.Versions(ctx)
	return append([]Row{info(b.Name, "setup", "%s; %s mode, PostgreSQL %s, TimescaleDB %s", Machine(), mode, pg, orNone(ts))}, rows...), nil
}

// Machine describes the host: cores and memory.
func Machine() string {
	return fmt.Sprintf("%d cores, %d MB RAM", runtime.NumCPU(), memTotalMB())
}

func memTotalMB() int64 {
	raw, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	var kb int64
	_, _ = fmt.Sscanf(string(raw), "MemTotal: %d kB", &kb)
	return kb / 1024
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
