package bench

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/core"
)

// runB7 schedules MemHosts × MemPlugins on mock agents with a one-hour
// interval starting now: the first round (every check due at once, the
// worst moment for queues, connections and ingest buffers) runs, and the
// process's resident memory is sampled until it has completed. The mock
// agents run in this process too, so the figures include their HTTPS
// servers: the core alone uses less.
func runB7(ctx context.Context, env *Env) ([]Row, error) {
	sz := env.Sizes
	dir, err := os.MkdirTemp("", "prophasis-b7-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	w, err := newWorld(ctx, env, dir, sz.MemHosts, sz.MemPlugins, time.Hour, time.Now().UTC(), 10)
	if err != nil {
		return nil, err
	}
	defer w.close()
	if _, err := env.DB.Exec(ctx, `UPDATE schedule_intervals SET start_at = $1, next_run = NULL`, time.Now().UTC().Add(time.Second)); err != nil {
		return nil, fmt.Errorf("bench: b7 schedule: %w", err)
	}
	runtime.GC()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // reset VmHWM to now
	base := procStatus(os.Getpid())
	// What is still held at the end is thrown away quickly: this run
	// measures memory, not what gets written.
	r, err := startCore(ctx, env, core.Config{DrainTimeout: 5 * time.Second,
		Ingest: ingest.Config{DrainTimeout: 5 * time.Second}})
	if err != nil {
		return nil, err
	}
	total := int64(sz.MemHosts * sz.MemPlugins)
	began := time.Now()
	peak, err := b7Sample(ctx, env, r, total)
	took := time.Since(began)
	done := r.core.DispatchStats().Completed
	if err == nil && sz.HeapProfile != "" {
		err = writeHeapProfile(sz.HeapProfile)
	}
	after := procStatus(os.Getpid())
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	held := r.core.IngestStats().Held
	stopped := "in order"
	if err := r.stop(time.Minute); err != nil { // results still held are dropped on purpose, see above
		stopped = err.Error()
	}
	if err != nil {
		return nil, err
	}
	peak = max(peak, after.hwmKB)
	return []Row{
		info("b7", "scheduled", "%d hosts × %d plugins (1 h interval; first round: %d of %d checks done in %s)",
			sz.MemHosts, sz.MemPlugins, done, total, took.Round(time.Second)),
		info("b7", "RSS before core started", "%d MB (pool, fixtures; also the mock agents when they run in-process)", base.rssKB/1024),
		atMostRow("b7", "peak RSS during first round", fmt.Sprintf("%d MB", peak/1024), float64(peak)/1024, 300, "300 MB"),
		info("b7", "RSS at the end", "%d MB; Go runtime Sys %d MB, heap in use %d MB; %d results waiting for ingest",
			after.rssKB/1024, ms.Sys>>20, ms.HeapInuse>>20, held),
		info("b7", "shutdown", "%s", stopped),
	}, nil
}

// b7Sample samples VmRSS every 200 ms until every check has completed or
// MemWait has passed, returning the highest value seen in kB.
func b7Sample(ctx context.Context, env *Env, r *running, total int64) (int64, error) {
	env.Progress.Start("b7 checks", int(total))
	defer env.Progress.Done()
	deadline := time.Now().Add(env.Sizes.MemWait)
	var peak, last int64
	for time.Now().Before(deadline) {
		peak = max(peak, procStatus(os.Getpid()).rssKB)
		n := r.core.DispatchStats().Completed
		env.Progress.Step(int(n - last))
		last = n
		if n >= total {
			return peak, nil
		}
		select {
		case <-ctx.Done():
			return peak, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	return peak, nil
}

// writeHeapProfile writes the live heap to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: heap profile: %w", err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		return fmt.Errorf("bench: heap profile: %w", err)
	}
	return nil
}
