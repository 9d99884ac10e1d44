package main

import (
	"fmt"
	"log/slog"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/prophasis/prophasis/internal/bench"
	"github.com/prophasis/prophasis/internal/schema"
)

func newBenchCmd() *cobra.Command {
	sz := bench.DefaultSizes()
	var storage, cpuprofile string
	names := make([]string, 0, len(bench.All()))
	for _, b := range bench.All() {
		names = append(names, b.Name+" ("+b.Title+")")
	}
	cmd := &cobra.Command{
		Use:   "bench <name>...|all",
		Short: "Run the performance benchmarks, each on its own private PostgreSQL, and print figures with ratios and targets",
		Long: "Benchmarks: " + strings.Join(names, ", ") + ".\nEach starts a throwaway PostgreSQL in a temporary " +
			"directory (the system's binaries), so no database is needed. Figures go to stdout as a table; " +
			"progress goes to stderr when it is a terminal. See BENCHMARKS.md.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			list, err := bench.Select(args)
			if err != nil {
				return err
			}
			mode := schema.Mode(storage)
			if mode != schema.ModePlain && mode != schema.ModeTimescale {
				return fmt.Errorf("--storage must be plain or timescale, not %q", storage)
			}
			if cpuprofile != "" {
				stop, err := startProfile(cpuprofile)
				if err != nil {
					return err
				}
				defer stop()
			}
			opts := bench.Options{Mode: mode, Sizes: sz, Logger: slog.New(slog.DiscardHandler), Progress: bench.Silent{}}
			if term.IsTerminal(int(os.Stderr.Fd())) {
				opts.Progress = bench.NewBar(os.Stderr)
			}
			var rows []bench.Row
			for _, b := range list {
				got, err := bench.Run(cmd.Context(), b, opts)
				if err != nil {
					return err
				}
				rows = append(rows, got...)
			}
			return bench.WriteTable(cmd.OutOrStdout(), rows)
		},
	}
	f := cmd.Flags()
	f.StringVar(&storage, "storage", "plain", "storage mode of the benchmark databases: plain or timescale")
	f.StringVar(&cpuprofile, "cpuprofile", "", "write a pprof CPU profile of the whole run to this file")
	f.IntVar(&sz.Batches, "batches", sz.Batches, "b1: batches per batch size and path")
	f.IntVar(&sz.Hosts, "hosts", sz.Hosts, "b2: mock-agent hosts")
	f.IntVar(&sz.Plugins, "plugins", sz.Plugins, "b2: plugins per host")
	f.DurationVar(&sz.Interval, "interval", sz.Interval, "b2: check interval")
	f.DurationVar(&sz.Duration, "duration", sz.Duration, "b2: measured window after one interval of warm-up")
	f.IntVar(&sz.Flips, "flips", sz.Flips, "b5: problem/recovery flips")
	f.DurationVar(&sz.FlipInterval, "flip-interval", sz.FlipInterval, "b5: check interval")
	f.IntVar(&sz.Results, "results", sz.Results, "b6: results stored")
	f.IntVar(&sz.Days, "days", sz.Days, "b6: days the results span")
	f.IntVar(&sz.MemHosts, "mem-hosts", sz.MemHosts, "b7: hosts scheduled")
	f.IntVar(&sz.MemPlugins, "mem-plugins", sz.MemPlugins, "b7: plugins per host")
	f.DurationVar(&sz.MemInterval, "mem-interval", sz.MemInterval, "b7: check interval; the run takes about two intervals plus the burst")
	f.DurationVar(&sz.MemWait, "mem-wait", sz.MemWait, "b7: longest wait past one interval for the spread first round, and for the burst round")
	f.Int64Var(&sz.MemLimit, "mem-limit", 0, "b7: the core's soft memory limit in bytes (0: the core's default)")
	f.StringVar(&sz.HeapProfile, "memprofile", "", "b7: write pprof heap profiles at the end of the steady interval (this file) and of the burst (.burst appended)")
	f.StringVar(&sz.AgentBin, "agent-bin", "", "agent: prophasis-agent binary (default: next to this one, else on PATH)")
	f.DurationVar(&sz.AgentIdle, "agent-idle", sz.AgentIdle, "agent: how long the idle agent is watched")
	f.IntVar(&sz.AgentChecks, "agent-checks", sz.AgentChecks, "agent: checks run")
	return cmd
}

// startProfile starts a CPU profile into path; the returned func stops it.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
