package sched

import (
	"context"
	"fmt"
	"time"
)

// Run refreshes the leases every Renew until ctx ends. It does not release
// them on the way out: call Release after the dispatcher has drained, so
// the hosts are handed over at once on a graceful stop, and after TTL when
// the process died.
func (l *Leases) Run(ctx context.Context) error {
	for {
		if err := l.Refresh(ctx); err != nil && ctx.Err() == nil {
			l.logger.Error("lease refresh failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-l.clock.After(l.cfg.Renew):
		}
	}
}

// Refresh makes one round: heartbeat, renew, give back hosts above the fair
// share, take free hosts up to it. Hosts are dropped from the held set
// before they are released, so no job is queued for a host another
// scheduler may already hold.
func (l *Leases) Refresh(ctx context.Context) error {
	now := l.clock.Now().Truncate(time.Microsecond) // what timestamptz keeps
	until := now.Add(l.cfg.TTL)
	if err := l.call(ctx, func(ctx context.Context) error { return l.store.Heartbeat(ctx, l.holder, now) }); err != nil {
		return fmt.Errorf("sched: lease heartbeat: %w", err)
	}
	var renewed []Lease
	err := l.call(ctx, func(ctx context.Context) (err error) {
		renewed, err = l.store.Renew(ctx, l.holder, now, until)
		return err
	})
	if err != nil {
		return fmt.Errorf("sched: renew leases: %w", err)
	}
	l.replace(renewed)
	var hosts, nodes int
	err = l.call(ctx, func(ctx context.Context) (err error) {
		hosts, nodes, err = l.store.Share(ctx, now.Add(-l.cfg.TTL))
		return err
	})
	if err != nil {
		return fmt.Errorf("sched: count schedulers: %w", err)
	}
	target := (hosts + max(nodes, 1) - 1) / max(nodes, 1)
	if extra := l.dropAbove(target); len(extra) > 0 {
		if err := l.call(ctx, func(ctx context.Context) error { return l.store.Release(ctx, l.holder, extra) }); err != nil {
			return fmt.Errorf("sched: release %d leases: %w", len(extra), err)
		}
		l.logger.Info("leases handed over", "hosts", len(extra), "share", target)
	}
	if want := target - len(l.Held()); want > 0 {
		var got []Lease
		err = l.call(ctx, func(ctx context.Context) (err error) {
			got, err = l.store.Acquire(ctx, l.holder, now, until, want)
			return err
		})
		if err != nil {
			return fmt.Errorf("sched: acquire leases: %w", err)
		}
		if len(got) > 0 && l.taken != nil {
			ids := make([]int64, len(got))
			for i, ls := range got {
				ids[i] = ls.HostID
			}
			l.taken(ids)
		}
		l.add(got)
		if len(got) > 0 {
			l.logger.Info("leases taken", "hosts", len(got), "share", target)
		}
	}
	return nil
}

// Release gives back every lease, for a graceful shutdown.
func (l *Leases) Release(ctx context.Context) error {
	ids := l.dropAbove(0)
	if len(ids) == 0 {
		return nil
	}
	if err := l.call(ctx, func(ctx context.Context) error { return l.store.Release(ctx, l.holder, ids) }); err != nil {
		return fmt.Errorf("sched: release leases: %w", err)
	}
	return nil
}

func (l *Leases) call(ctx context.Context, f func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, l.cfg.DBTimeout)
	defer cancel()
	return f(ctx)
}

// replace sets the held leases to exactly those renewed.
func (l *Leases) replace(leases []Lease) {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.held)
	for _, ls := range leases {
		l.held[ls.HostID] = ls
	}
}

func (l *Leases) add(leases []Lease) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, ls := range leases {
		l.held[ls.HostID] = ls
	}
}

// dropAbove forgets the highest host ids beyond n and returns them.
func (l *Leases) dropAbove(n int) []int64 {
	ids := l.Held()
	if len(ids) <= n {
		return nil
	}
	extra := ids[n:]
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range extra {
		delete(l.held, id)
	}
	return extra
}
