package sched

import "time"

// DefaultMaxSpread is Config.MaxSpread's default: long enough to smooth a
// round of 100,000 checks to a few hundred a second, short enough that a
// restart, which loses the jobs of the round still waiting, loses little.
const DefaultMaxSpread = 5 * time.Minute

// SpreadWindow is how far into its period a job of an interval with this
// period may be moved: the whole period, at most MaxSpread, nothing when
// spreading is off (MaxSpread < 0).
func (c Config) SpreadWindow(period time.Duration) time.Duration {
	c = c.withDefaults()
	if c.MaxSpread < 0 || period <= 0 {
		return 0
	}
	return min(period, c.MaxSpread)
}

// PhaseOffset is where in a window of this length the runs of one host
// for one check fall: a hash of the two, so hosts do not all fire at the
// grid instant together, yet each keeps the same phase across runs,
// restarts and schedulers (its interval between results stays the
// period). A host's plugins of one check share the phase and run one
// after another, so the results of one host arrive together, which keeps
// the hosts touched by one ingest batch (and its health work) few.
func PhaseOffset(hostID, checkID int64, window time.Duration) time.Duration {
	if window <= 0 {
		return 0
	}
	h := mix(mix(0, uint64(hostID)), uint64(checkID))
	return time.Duration(h % uint64(window))
}

// mix folds v into h with splitmix64's finaliser, so neighbouring ids
// land far apart in the window.
func mix(h, v uint64) uint64 {
	h ^= v + 0x9e3779b97f4a7c15 + h<<6 + h>>2
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}
