package classify

import (
	"errors"
	"fmt"
	"runtime"
	"time"
)

// Config holds the limits of the sandbox and the failure handling. Zero
// fields take the value of DefaultConfig.
type Config struct {
	// Timeout bounds one run, history reads included.
	Timeout time.Duration
	// MaxStringBytes bounds any one string built by the bounded operations
	// (.., string.rep, string.format, table.concat, gsub, ...).
	MaxStringBytes int
	// MaxAllocBytes bounds the bytes those operations may produce in one run,
	// so many strings just under MaxStringBytes cannot add up; history rows
	// returned as Lua tables count too.
	MaxAllocBytes int
	// MaxTableLen bounds table.insert; raw `t[#t+1] = x` loops end at Timeout.
	MaxTableLen int
	// MaxCodeBytes bounds the source size of a classifier.
	MaxCodeBytes int
	// MaxHistoryDepth caps Classifier.HistoryDepth.
	MaxHistoryDepth int
	// MaxHistoryRows caps the rows of any one history read.
	MaxHistoryRows int
	// MaxHistoryCalls caps the history reads of one run.
	MaxHistoryCalls int
	// MaxWindow is the longest history window a classifier may ask for.
	MaxWindow time.Duration
	// MaxReason caps the reason a classifier returns, in bytes.
	MaxReason int
	// CacheSize is the number of compiled classifier versions kept.
	CacheSize int
	// IdleStates is the number of Lua states kept for reuse. It should be
	// at least the number of concurrent classifications: a run that finds
	// no idle state builds one, which costs about twenty runs.
	IdleStates int
	// BreakerFailures is the number of consecutive failures that stop a
	// classifier from running for BreakerCooldown.
	BreakerFailures int
	BreakerCooldown time.Duration
	// ReportEvery is the shortest interval between two reports of the same
	// classifier to the ErrorSink; the failures in between are counted.
	ReportEvery time.Duration
}

// DefaultConfig returns the limits used for zero Config fields.
func DefaultConfig() Config {
	return Config{
		Timeout:         100 * time.Millisecond,
		MaxStringBytes:  1 << 20,
		MaxAllocBytes:   16 << 20,
		MaxTableLen:     100_000,
		MaxCodeBytes:    64 << 10,
		MaxHistoryDepth: 1000,
		MaxHistoryRows:  10_000,
		MaxHistoryCalls: 32,
		MaxWindow:       400 * 24 * time.Hour,
		MaxReason:       256,
		CacheSize:       1024,
		IdleStates:      max(32, 8*runtime.GOMAXPROCS(0)),
		BreakerFailures: 5,
		BreakerCooldown: 5 * time.Minute,
		ReportEvery:     time.Minute,
	}
}

// withDefaults fills zero fields and rejects negative ones.
func (c Config) withDefaults() (Config, error) {
	d := DefaultConfig()
	durs := []struct {
		v   *time.Duration
		def time.Duration
	}{{&c.Timeout, d.Timeout}, {&c.MaxWindow, d.MaxWindow}, {&c.BreakerCooldown, d.BreakerCooldown}, {&c.ReportEvery, d.ReportEvery}}
	ints := []struct {
		v   *int
		def int
	}{{&c.MaxStringBytes, d.MaxStringBytes}, {&c.MaxAllocBytes, d.MaxAllocBytes}, {&c.MaxTableLen, d.MaxTableLen},
		{&c.MaxCodeBytes, d.MaxCodeBytes}, {&c.MaxHistoryDepth, d.MaxHistoryDepth}, {&c.MaxHistoryRows, d.MaxHistoryRows},
		{&c.MaxHistoryCalls, d.MaxHistoryCalls}, {&c.MaxReason, d.MaxReason}, {&c.CacheSize, d.CacheSize},
		{&c.IdleStates, d.IdleStates}, {&c.BreakerFailures, d.BreakerFailures}}
	var errs []error
	for _, f := range durs {
		if *f.v < 0 {
			errs = append(errs, fmt.Errorf("duration %v is negative", *f.v))
		} else if *f.v == 0 {
			*f.v = f.def
		}
	}
	for _, f := range ints {
		if *f.v < 0 {
			errs = append(errs, fmt.Errorf("limit %d is negative", *f.v))
		} else if *f.v == 0 {
			*f.v = f.def
		}
	}
	if err := errors.Join(errs...); err != nil {
		return c, fmt.Errorf("classify: config: %w", err)
	}
	return c, nil
}
