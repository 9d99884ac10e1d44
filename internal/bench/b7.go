package bench

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/sched"
)

// runB7 measures the core's resident memory with MemHosts × MemPlugins on
// mock agents, twice, each with a fresh core on the same installation:
//
//   - scheduled (the target): one check every MemInterval, each run's phase
//     spread over the interval by the scheduler as in production. After
//     the first round has completed, RSS is sampled for one more full
//     interval: the steady state the target is about.
//   - burst (context): the same checks all due at one instant (spreading
//     off), sampled until the round completes or MemWait passes: the worst
//     moment for queues, connections and ingest buffers.
//
// The mock agents run in a child process when prophasis-agent is found,
// so the figures are the core's (and this benchmark's pool and fixtures).
func runB7(ctx context.Context, env *Env) ([]Row, error) {
	sz := env.Sizes
	dir, err := os.MkdirTemp("", "prophasis-b7-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	w, err := newWorld(ctx, env, dir, sz.MemHosts, sz.MemPlugins, sz.MemInterval, time.Now().UTC(), 10)
	if err != nil {
		return nil, err
	}
	defer w.close()
	steady, err := b7Scheduled(ctx, env)
	if err != nil {
		return nil, err
	}
	burst, err := b7Burst(ctx, env)
	if err != nil {
		return nil, err
	}
	total := sz.MemHosts * sz.MemPlugins
	target := atMostRow("b7", "peak RSS, scheduled steady state", fmt.Sprintf("%d MB over one interval%s", steady.peak/1024, steady.steadiness(total)),
		float64(steady.peak)/1024, 300, "300 MB")
	if steady.steadiness(total) != "" {
		*target.Met = false // a state that was not steady shows nothing about the target
	}
	return []Row{
		info("b7", "installation", "%d hosts × %d plugins = %d checks every %s; %s", sz.MemHosts, sz.MemPlugins, total, sz.MemInterval, w.where),
		info("b7", "RSS before core started", "%d MB (pool, fixtures)", steady.base/1024),
		info("b7", "first round (spread)", "%d of %d checks in %s; peak RSS %d MB", steady.roundDone, total, steady.roundTook.Round(time.Second), steady.roundPeak/1024),
		target,
		info("b7", "checks in the steady interval", "%d run, %d results written (one interval holds %d); CPU of this process %s",
			steady.windowDone, steady.windowWritten, total, steady.windowCPU.Round(time.Second)),
		info("b7", "end of the steady interval", "RSS %d MB; Go runtime Sys %d MB, heap in use %d MB, live after GC %d MB, %d goroutines; %d results waiting for ingest, %d dropped by it; memory limit %s",
			steady.end.rssKB/1024, steady.sys>>20, steady.heap>>20, steady.live>>20, steady.goroutines, steady.held, steady.dropped, limitText(sz.MemLimit)),
		info("b7", "peak RSS, burst (all due at once)", "%d MB; %d of %d checks in %s (context: the target is for scheduled checks)",
			burst.peak/1024, burst.roundDone, total, burst.roundTook.Round(time.Second)),
		info("b7", "shutdown", "scheduled: %s; burst: %s", steady.stopped, burst.stopped),
	}, nil
}

// b7Run is what one core's run measured; memory in kB.
type b7Run struct {
	base, roundPeak, peak  int64
	roundDone, windowDone  int64
	windowWritten, dropped int64
	roundTook, windowCPU   time.Duration
	end                    memStatus
	sys, heap, live        uint64
	goroutines             int
	held                   int
	stopped                string
}

// b7Core starts a core for B7 after resetting the schedule to start in a
// second and the process's peak RSS to now. What ingest still holds at the
// end is dropped quickly: these runs measure memory, not what is written.
func b7Core(ctx context.Context, env *Env, spread time.Duration) (*running, b7Run, error) {
	if _, err := env.DB.Exec(ctx, `UPDATE schedule_intervals SET start_at = $1, next_run = NULL, last_run = NULL`,
		time.Now().UTC().Add(time.Second)); err != nil {
		return nil, b7Run{}, fmt.Errorf("bench: b7 schedule: %w", err)
	}
	runtime.GC()
	resetPeakRSS()
	m := b7Run{base: procStatus(os.Getpid()).rssKB}
	r, err := startCore(ctx, env, core.Config{DrainTimeout: 5 * time.Second, Sched: sched.Config{MaxSpread: spread},
		Ingest: ingest.Config{DrainTimeout: 5 * time.Second}, MemoryLimit: env.Sizes.MemLimit})
	return r, m, err
}

// steadiness says when the interval measured was not a steady state: the
// core ran, or ingest wrote, fewer results than one interval holds, so
// work piled up in memory.
func (m b7Run) steadiness(total int) string {
	switch least := int64(total) * 95 / 100; {
	case m.windowDone < least:
		return " (not steady: checks fell behind)"
	case m.windowWritten < least:
		return " (not steady: ingest fell behind)"
	}
	return ""
}

// limitText describes a core.Config.MemoryLimit.
func limitText(limit int64) string {
	if limit > 0 {
		return fmt.Sprintf("%d MB", limit>>20)
	}
	return "the core's default"
}

// finish reads the end figures and stops the core.
func (m *b7Run) finish(r *running) {
	m.end = procStatus(os.Getpid())
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.sys, m.heap, m.goroutines = ms.Sys, ms.HeapInuse, runtime.NumGoroutine()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	m.live = ms.HeapAlloc
	st := r.core.IngestStats()
	m.held, m.dropped = st.Held, st.Dropped
	m.stopped = "in order"
	if err := r.stop(30 * time.Second); err != nil { // results still held are dropped on purpose
		m.stopped = err.Error()
	}
}
