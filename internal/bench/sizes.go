package bench

import "time"

// Sizes scale the benchmarks. The defaults fit a 2-core machine shared
// with other work in a few minutes per benchmark; raise them to measure a
// bigger installation.
type Sizes struct {
	// B1: batches written per batch size and path.
	Batches int
	// B2: mock-agent hosts × plugins, checked every Interval, measured for
	// Duration after the first round and Warmup more (the first round
	// opens every connection and installs every plugin, a backlog that
	// takes a few intervals to drain; "sustained" is what follows).
	Hosts, Plugins             int
	Interval, Duration, Warmup time.Duration
	// CPUProfile, when set, receives a pprof CPU profile of B2's window.
	CPUProfile string
	// B5: number of problem/recovery flips and the check interval.
	Flips        int
	FlipInterval time.Duration
	// B6: results inserted for 100 series, spread evenly over Days days
	// (the defaults: one result per series per minute, the design load).
	Results, Days int
	// B7: hosts × plugins checked every MemInterval for the memory
	// figure, and how long past one interval the spread first round (and
	// how long the burst round) may take before RSS is read anyway.
	MemHosts, MemPlugins int
	MemInterval, MemWait time.Duration
	// MemLimit is the core's soft memory limit in bytes (zero: the
	// core's default, see core.Config.MemoryLimit).
	MemLimit int64
	// HeapProfile, when set, receives pprof heap profiles taken at the
	// end of B7's steady interval (this path) and of its burst (".burst"
	// appended), to attribute the memory.
	HeapProfile string
	// Agent: the prophasis-agent binary, how long it is watched idle and
	// the checks run on it.
	AgentBin    string
	AgentIdle   time.Duration
	AgentChecks int
}

// DefaultSizes are the sizes `prophasis bench` uses unless told otherwise.
func DefaultSizes() Sizes {
	return Sizes{
		Batches: 40,
		Hosts:   10_000, Plugins: 12, Interval: time.Minute, Duration: time.Minute, Warmup: 15 * time.Second,
		Flips: 10, FlipInterval: time.Second,
		Results: 720_000, Days: 5,
		MemHosts: 10_000, MemPlugins: 10, MemInterval: 150 * time.Second, MemWait: time.Minute,
		AgentIdle: 10 * time.Second, AgentChecks: 200,
	}
}

// SmokeSizes are tiny sizes that prove every program still works in
// seconds; their figures mean nothing.
func SmokeSizes() Sizes {
	return Sizes{
		Batches: 2,
		Hosts:   3, Plugins: 2, Interval: time.Second, Duration: 2 * time.Second,
		Flips: 1, FlipInterval: time.Second,
		Results: 2_000, Days: 3,
		MemHosts: 20, MemPlugins: 2, MemInterval: 2 * time.Second, MemWait: 20 * time.Second,
		AgentIdle: 500 * time.Millisecond, AgentChecks: 3,
	}
}
