package sched_test

import (
	"context"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/prophasis/prophasis/sched"
)

// fixedLeases is a LeaseStore that hands out a fixed set of leases.
type fixedLeases struct {
	hosts, nodes int
	leases       []sched.Lease
	released     []int64
}

func (f *fixedLeases) Heartbeat(context.Context, string, time.Time) error { return nil }
func (f *fixedLeases) Renew(context.Context, string, time.Time, time.Time) ([]sched.Lease, error) {
	return nil, nil
}
func (f *fixedLeases) Acquire(_ context.Context, _ string, _, _ time.Time, n int) ([]sched.Lease, error) {
	return f.leases[:min(n, len(f.leases))], nil
}
func (f *fixedLeases) Release(_ context.Context, _ string, hosts []int64) error {
	f.released = append(f.released, hosts...)
	return nil
}
func (f *fixedLeases) Share(context.Context, time.Time) (int, int, error) {
	return f.hosts, f.nodes, nil
}

func TestLeasesHolds(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	store := &fixedLeases{hosts: 2, nodes: 1, leases: []sched.Lease{{HostID: 7, Acquired: t0, Expires: t0.Add(30 * time.Second)}}}
	clock := &manualClock{now: t0}
	l := sched.NewLeases(sched.LeaseConfig{TTL: 30 * time.Second}, store, "me", clock, slog.New(slog.DiscardHandler))
	if err := l.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		host int64
		due  time.Time
		now  time.Time
		want bool
	}{
		{name: "held, due when taken", host: 7, due: t0, now: t0, want: true},
		{name: "held, due later", host: 7, due: t0.Add(10 * time.Second), now: t0.Add(10 * time.Second), want: true},
		{name: "instant before the lease was taken: the previous holder's", host: 7, due: t0.Add(-time.Second), now: t0.Add(time.Second), want: false},
		{name: "expired", host: 7, due: t0.Add(30 * time.Second), now: t0.Add(30 * time.Second), want: false},
		{name: "not held", host: 8, due: t0, now: t0, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.set(tt.now)
			if got := l.Holds(tt.host, tt.due); got != tt.want {
				t.Errorf("Holds(%d, %s) at %s = %v, want %v", tt.host, tt.due, tt.now, got, tt.want)
			}
		})
	}
}

// TestLeasesShareAndRelease: a scheduler holding more than its share gives
// the highest host ids back and stops running them at once.
func TestLeasesShareAndRelease(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	var leases []sched.Lease
	for id := int64(1); id <= 4; id++ {
		leases = append(leases, sched.Lease{HostID: id, Acquired: t0, Expires: t0.Add(time.Minute)})
	}
	store := &fixedLeases{hosts: 4, nodes: 1, leases: leases}
	clock := &manualClock{now: t0}
	l := sched.NewLeases(sched.LeaseConfig{}, store, "me", clock, slog.New(slog.DiscardHandler))
	if err := l.Refresh(context.Background()); err != nil || len(l.Held()) != 4 {
		t.Fatalf("alone: held %v, %v; want all 4", l.Held(), err)
	}
	// Renew returns nothing in this fake, so hold them again before the
	// second round finds a second scheduler alive.
	store.nodes = 3
	l2 := sched.NewLeases(sched.LeaseConfig{}, renewAll{store}, "me", clock, slog.New(slog.DiscardHandler))
	if err := l2.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := l2.Held(); len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Fatalf("with 3 schedulers for 4 hosts held %v, want [1 2]", got)
	}
	if len(store.released) != 2 || store.released[0] != 3 || l2.Holds(3, t0) {
		t.Fatalf("released %v; host 3 still held: %v", store.released, l2.Holds(3, t0))
	}
}

// renewAll renews every lease of the wrapped fake.
type renewAll struct{ *fixedLeases }

func (r renewAll) Renew(context.Context, string, time.Time, time.Time) ([]sched.Lease, error) {
	return r.leases, nil
}

// BenchmarkLeaseFilter is the cost the lease check adds to every job.
func BenchmarkLeaseFilter(b *testing.B) {
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	var leases []sched.Lease
	for id := int64(1); id <= 1000; id++ {
		leases = append(leases, sched.Lease{HostID: id, Acquired: t0, Expires: t0.Add(time.Minute)})
	}
	l := sched.NewLeases(sched.LeaseConfig{}, renewAll{&fixedLeases{hosts: 1000, nodes: 1, leases: leases}}, "me",
		&manualClock{now: t0}, slog.New(slog.DiscardHandler))
	if err := l.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	f := sched.LeaseFilter{Leases: l, Next: &jobCount{}}
	job := sched.Job{HostID: 500, Due: t0}
	for b.Loop() {
		_ = f.Enqueue(job)
	}
}

// TestLeasesTellTaken: Taken hears the hosts a refresh took before they
// are held, so nothing of theirs runs here before it was told.
func TestLeasesTellTaken(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	store := &fixedLeases{hosts: 2, nodes: 1, leases: []sched.Lease{
		{HostID: 3, Acquired: t0, Expires: t0.Add(time.Minute)}, {HostID: 5, Acquired: t0, Expires: t0.Add(time.Minute)}}}
	var told []int64
	heldWhenTold := -1
	l := sched.NewLeases(sched.LeaseConfig{}, store, "me", &manualClock{now: t0}, slog.New(slog.DiscardHandler))
	l.OnTaken(func(ids []int64) { told, heldWhenTold = ids, len(l.Held()) })
	if err := l.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(told, []int64{3, 5}) || heldWhenTold != 0 || len(l.Held()) != 2 {
		t.Fatalf("told %v with %d held, holding %v; want 3 and 5 told before either was held", told, heldWhenTold, l.Held())
	}
}
