package bench

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

// b7Scheduled runs a core with the scheduler's spread until the first
// round has completed (at most MemInterval + MemWait), then samples one
// more full interval: the steady state.
func b7Scheduled(ctx context.Context, env *Env) (b7Run, error) {
	sz := env.Sizes
	r, m, err := b7Core(ctx, env, 0)
	if err != nil {
		return m, err
	}
	total := int64(sz.MemHosts * sz.MemPlugins)
	began := time.Now()
	m.roundPeak, m.roundDone, err = b7Sample(ctx, env, r, "b7 first round (spread)", total, sz.MemInterval+sz.MemWait)
	m.roundTook = time.Since(began)
	if err == nil {
		resetPeakRSS()
		var done int64
		written, cpu := r.core.IngestStats().Written, cpuTime()
		m.peak, done, err = b7Sample(ctx, env, r, "b7 steady interval", 0, sz.MemInterval)
		m.windowDone = done - m.roundDone
		m.windowWritten = r.core.IngestStats().Written - written
		m.windowCPU = cpuTime() - cpu
	}
	if err == nil && sz.HeapProfile != "" {
		err = writeHeapProfile(sz.HeapProfile)
	}
	m.finish(r)
	return m, err
}

// b7Burst runs a core with spreading off, so every check is due at once,
// until the round has completed or MemWait has passed.
func b7Burst(ctx context.Context, env *Env) (b7Run, error) {
	sz := env.Sizes
	r, m, err := b7Core(ctx, env, -1)
	if err != nil {
		return m, err
	}
	total := int64(sz.MemHosts * sz.MemPlugins)
	began := time.Now()
	m.peak, m.roundDone, err = b7Sample(ctx, env, r, "b7 burst", total, sz.MemWait)
	m.roundTook = time.Since(began)
	if err == nil && sz.HeapProfile != "" {
		err = writeHeapProfile(sz.HeapProfile + ".burst")
	}
	m.finish(r)
	return m, err
}

// b7Sample samples VmRSS every 200 ms for at most limit, or until the core
// has completed target checks when target > 0. It returns the peak RSS in
// kB (the kernel's high-water mark included, so nothing between two
// samples is missed) and the checks completed so far.
func b7Sample(ctx context.Context, env *Env, r *running, what string, target int64, limit time.Duration) (int64, int64, error) {
	from := r.core.DispatchStats().Completed
	env.Progress.Start(what, env.Sizes.MemHosts*env.Sizes.MemPlugins)
	defer env.Progress.Done()
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	peak, last := int64(0), from
	for {
		st := procStatus(os.Getpid())
		peak = max(peak, st.rssKB, st.hwmKB)
		n := r.core.DispatchStats().Completed
		env.Progress.Step(int(n - last))
		last = n
		if target > 0 && n >= target || !time.Now().Before(deadline) {
			return peak, n, nil
		}
		select {
		case <-ctx.Done():
			return peak, n, ctx.Err()
		case <-tick.C:
		}
	}
}

// resetPeakRSS makes the kernel's VmHWM of this process start again from
// its current RSS.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

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
