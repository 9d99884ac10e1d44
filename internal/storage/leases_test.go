package storage_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

// TestLeasesNeverShared races several holders for the same hosts, then
// lets the leases expire and races again: each host has one holder.
func TestLeasesNeverShared(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	exec(t, db, `INSERT INTO hosts (name, address, enabled) SELECT 'h' || i, 'a' || i, i <= 40 FROM generate_series(1, 41) i`)
	s := storage.LeaseStore{DB: db}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for round, now := range []time.Time{t0, t0.Add(30 * time.Second)} {
		got := make([][]sched.Lease, 4)
		var wg sync.WaitGroup
		for i := range got {
			wg.Go(func() {
				var err error
				got[i], err = s.Acquire(ctx, fmt.Sprint("n", i), now, now.Add(30*time.Second), 40)
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		owner := map[int64]int{}
		for i, ls := range got {
			for _, l := range ls {
				if prev, ok := owner[l.HostID]; ok {
					t.Fatalf("round %d: host %d leased to n%d and n%d", round, l.HostID, prev, i)
				}
				owner[l.HostID] = i
				if !l.Acquired.Equal(now) {
					t.Errorf("round %d: acquired %s, want %s", round, l.Acquired, now)
				}
			}
		}
		if len(owner) != 40 {
			t.Fatalf("round %d: %d hosts leased, want the 40 enabled ones", round, len(owner))
		}
	}
}

func TestLeasesRenewReleaseShare(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	exec(t, db, `INSERT INTO hosts (name, address) SELECT 'h' || i, 'a' || i FROM generate_series(1, 3) i`)
	s := storage.LeaseStore{DB: db}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range []string{"a", "b"} {
		if err := s.Heartbeat(ctx, n, t0); err != nil {
			t.Fatal(err)
		}
	}
	if hosts, nodes, err := s.Share(ctx, t0.Add(-time.Second)); err != nil || hosts != 3 || nodes != 2 {
		t.Fatalf("share = %d hosts, %d nodes, %v; want 3, 2", hosts, nodes, err)
	}
	if _, err := s.Acquire(ctx, "a", t0, t0.Add(10*time.Second), 2); err != nil {
		t.Fatal(err)
	}
	if ls, err := s.Renew(ctx, "a", t0.Add(5*time.Second), t0.Add(15*time.Second)); err != nil || len(ls) != 2 || !ls[0].Expires.Equal(t0.Add(15*time.Second)) {
		t.Fatalf("renew before expiry = %+v, %v", ls, err)
	}
	if err := s.Release(ctx, "b", []int64{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	if ls, _ := s.Acquire(ctx, "b", t0.Add(14*time.Second), t0.Add(24*time.Second), 3); len(ls) != 1 {
		t.Fatalf("b took %v while a held two: releasing another's lease must do nothing", ls)
	}
	if ls, _ := s.Acquire(ctx, "b", t0.Add(15*time.Second), t0.Add(25*time.Second), 3); len(ls) != 2 {
		t.Fatalf("b took %d hosts after a's leases expired, want the 2 expired", len(ls))
	}
	if ls, err := s.Renew(ctx, "a", t0.Add(15*time.Second), t0.Add(25*time.Second)); err != nil || len(ls) != 0 {
		t.Fatalf("a renewing at expiry = %+v, %v; want nothing: an expired lease is lost", ls, err)
	}
	if err := s.Release(ctx, "b", []int64{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	if ls, _ := s.Acquire(ctx, "a", t0.Add(17*time.Second), t0.Add(27*time.Second), 3); len(ls) != 3 {
		t.Fatalf("a took %d hosts after b released them, want 3", len(ls))
	}
}

// BenchmarkLeasesRenew measures one renewal round of a scheduler holding
// 1000 hosts: the cost every scheduler pays every TTL/3.
func BenchmarkLeasesRenew(b *testing.B) {
	ctx, db := context.Background(), pgtest.Plain(b)
	if _, err := db.Exec(ctx, `INSERT INTO hosts (name, address) SELECT 'h' || i, 'a' || i FROM generate_series(1, 1000) i`); err != nil {
		b.Fatal(err)
	}
	s := storage.LeaseStore{DB: db}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if ls, err := s.Acquire(ctx, "a", t0, t0.Add(time.Hour), 1000); err != nil || len(ls) != 1000 {
		b.Fatalf("acquire: %d, %v", len(ls), err)
	}
	i := 0
	for b.Loop() {
		i++
		now := t0.Add(time.Duration(i) * time.Millisecond)
		ls, err := s.Renew(ctx, "a", now, now.Add(time.Hour))
		if err != nil || len(ls) != 1000 {
			b.Fatalf("renew: %d, %v", len(ls), err)
		}
	}
}
