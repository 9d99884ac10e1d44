package sched

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"
)

// Lease is one host held by one scheduler until Expires. A scheduler runs
// a host's checks only for instants at or after Acquired, so a host taken
// over from a scheduler that died is never run twice for the same instant.
type Lease struct {
	HostID   int64
	Acquired time.Time
	Expires  time.Time
}

// LeaseStore is the shared table of leases (internal/storage.LeaseStore).
// Every method takes the caller's now, so one clock decides expiry.
type LeaseStore interface {
	// Heartbeat records that holder is alive at now.
	Heartbeat(ctx context.Context, holder string, now time.Time) error
	// Renew extends holder's unexpired leases to until and returns them;
	// a lease that expired is gone, whoever takes it next.
	Renew(ctx context.Context, holder string, now, until time.Time) ([]Lease, error)
	// Acquire takes up to n enabled hosts that have no lease or an expired
	// one, atomically: two holders never get the same host.
	Acquire(ctx context.Context, holder string, now, until time.Time, n int) ([]Lease, error)
	// Release gives up holder's leases on hosts.
	Release(ctx context.Context, holder string, hosts []int64) error
	// Share counts enabled hosts and schedulers alive since since.
	Share(ctx context.Context, since time.Time) (hosts, nodes int, err error)
}

// LeaseConfig tunes Leases; zero fields take the documented defaults.
type LeaseConfig struct {
	// TTL is how long a lease lasts unless renewed, i.e. how long the
	// hosts of a scheduler that died go unchecked (default 30 s).
	TTL time.Duration
	// Renew is how often leases are renewed and free hosts taken
	// (default TTL/3).
	Renew time.Duration
	// DBTimeout bounds every database call (default 5 s).
	DBTimeout time.Duration
}

func (c LeaseConfig) withDefaults() LeaseConfig {
	if c.TTL <= 0 {
		c.TTL = 30 * time.Second
	}
	if c.Renew <= 0 || c.Renew >= c.TTL {
		c.Renew = c.TTL / 3
	}
	if c.DBTimeout <= 0 {
		c.DBTimeout = 5 * time.Second
	}
	return c
}

// Leases keeps one scheduler's share of the hosts when several schedulers
// run against one database: it renews what it holds, takes hosts whose
// lease expired, and gives back hosts above its fair share (enabled hosts
// divided by live schedulers, rounded up) so a new scheduler gets work.
type Leases struct {
	cfg    LeaseConfig
	store  LeaseStore
	holder string
	clock  Clock
	logger *slog.Logger

	taken func(hostIDs []int64) // see OnTaken

	mu   sync.Mutex
	held map[int64]Lease
}

// NewLeases returns the lease keeper of the scheduler named holder, which
// must be unique among running schedulers (host name + process id will do).
func NewLeases(cfg LeaseConfig, store LeaseStore, holder string, clock Clock, logger *slog.Logger) *Leases {
	return &Leases{cfg: cfg.withDefaults(), store: store, holder: holder, clock: clock,
		logger: logger.With("component", "sched.leases", "holder", holder), held: map[int64]Lease{}}
}

// OnTaken makes each refresh tell f the hosts it took, before any of their
// checks can run here: their results were written by another process
// until now, so what this one remembers of them is stale. Call it before
// Run or the first Refresh.
func (l *Leases) OnTaken(f func(hostIDs []int64)) { l.taken = f }

// Holds reports whether this scheduler may run hostID's checks for the
// instant due: it holds an unexpired lease taken at or before due.
func (l *Leases) Holds(hostID int64, due time.Time) bool {
	l.mu.Lock()
	lease, ok := l.held[hostID]
	l.mu.Unlock()
	return ok && l.clock.Now().Before(lease.Expires) && !due.Before(lease.Acquired)
}

// Held returns the ids of the hosts currently held, sorted.
func (l *Leases) Held() []int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Sorted(maps.Keys(l.held))
}
