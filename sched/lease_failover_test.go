package sched_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/sched"
)

// TestLeasesFailover runs two schedulers against one database and 50 mock
// agents, one check every 10 s. Both share the hosts; then A dies (its
// passes stop, its leases are not released) and B takes A's hosts over once
// they expire. Every host keeps being checked, with no gap longer than the
// lease time + one period (issue 11's bound, which holds here because
// renewals come every period; in general a takeover can add up to one
// renewal interval), and no (host, instant) is ever run twice.
func TestLeasesFailover(t *testing.T) {
	const hosts, period, ttl, renew = 50, 10 * time.Second, 30 * time.Second, 10 * time.Second
	ctx, db := context.Background(), pgtest.Plain(t)
	agents := startMocks(t, hosts)
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	seedChecks(t, db, agents.Addrs(), t0, period)

	clock := &manualClock{now: t0}
	cl := client.New(client.Options{})
	defer cl.Close()
	runner := pinger{client: cl, fp: agents.Fingerprint()}
	rec := &recorder{}
	cfg := sched.LeaseConfig{TTL: ttl, Renew: renew}
	a := newNode(t, "a", pgtest.DSN(t, db), clock, runner, rec, cfg)
	b := newNode(t, "b", pgtest.DSN(t, db), clock, runner, rec, cfg)

	const end, killAt = 150, 60
	var aHeld int
	for s := 0; s <= end; s++ {
		clock.set(t0.Add(time.Duration(s) * time.Second))
		if s < killAt && s%10 == 0 {
			mustRefresh(t, ctx, a)
		}
		if s%10 == 5 {
			mustRefresh(t, ctx, b)
		}
		if s < killAt {
			mustTick(t, ctx, a)
		}
		mustTick(t, ctx, b)
		if s == killAt-1 {
			aHeld = len(a.leases.Held())
		}
	}
	for _, n := range []*node{a, b} {
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		if err := n.disp.Shutdown(sctx); err != nil {
			t.Fatalf("%s: drain: %v", n.name, err)
		}
		cancel()
	}
	if aHeld == 0 || aHeld == hosts {
		t.Fatalf("before the kill a held %d of %d hosts: the schedulers did not share", aHeld, hosts)
	}
	if got := len(b.leases.Held()); got != hosts {
		t.Fatalf("after the kill b holds %d hosts, want all %d", got, hosts)
	}
	checkRuns(t, rec.runs, hosts, t0.Add(end*time.Second), ttl+period)
}

// checkRuns asserts every host ran at least every maxGap until the end,
// no (host, instant) twice, and every run reached its agent.
func checkRuns(t *testing.T, runs []run, hosts int, end time.Time, maxGap time.Duration) {
	t.Helper()
	byHost := map[int64][]time.Time{}
	seen := map[string]string{}
	for _, r := range runs {
		if r.status != sched.StatusOK {
			t.Errorf("host %d at %s: status %s", r.host, r.due, r.status)
		}
		key := fmt.Sprint(r.host, r.due)
		if prev, dup := seen[key]; dup {
			t.Errorf("host %d ran twice for %s (by %s and %s)", r.host, r.due.Format(time.TimeOnly), prev, r.node)
		}
		seen[key] = r.node
		byHost[r.host] = append(byHost[r.host], r.due)
	}
	if len(byHost) != hosts {
		t.Fatalf("%d hosts were checked, want %d", len(byHost), hosts)
	}
	for h, dues := range byHost {
		slices.SortFunc(dues, time.Time.Compare)
		dues = append(dues, end)
		for i := 1; i < len(dues); i++ {
			if gap := dues[i].Sub(dues[i-1]); gap > maxGap {
				t.Errorf("host %d: no check between %s and %s (%s > %s)", h, dues[i-1].Format(time.TimeOnly),
					dues[i].Format(time.TimeOnly), gap, maxGap)
			}
		}
	}
}
