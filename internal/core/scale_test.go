package core_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/sched"
)

// TestSchedulersShareHostsAndTakeOver runs two cores with the sched role on
// one database, as two processes would: they split the hosts through
// leases, and when one stops the other checks all of them. No host is ever
// checked twice for one instant (two results closer than half a period).
func TestSchedulersShareHostsAndTakeOver(t *testing.T) {
	t.Parallel()
	const hosts, period = 6, 2 * time.Second
	db := pgtest.Plain(t)
	w := newWorld(t, db)
	w.addHosts(hosts - 1)
	w.exec(`UPDATE schedule_intervals SET period = $1`, period)

	a := startCore(t, db, "a", core.Roles(core.RoleSched))
	waitFor(t, "a holds every host", func() bool { return holders(t, db)["a"] == hosts })
	b := startCore(t, db, "b", core.Roles(core.RoleSched|core.RoleIngest))
	waitFor(t, "a and b share the hosts", func() bool {
		h := holders(t, db)
		return h["a"] == hosts/2 && h["b"] == hosts/2
	})
	waitFor(t, "both check their hosts", func() bool {
		return a.DispatchStats().Completed > 0 && b.DispatchStats().Completed > 0
	})
	shared := time.Now()
	waitFor(t, "every host checked while shared", func() bool { return w.hostsCheckedSince(shared) == hosts })

	a.stop(t)
	stopped := time.Now()
	waitFor(t, "b takes every host over", func() bool { return holders(t, db)["b"] == hosts })
	waitFor(t, "every host checked after a stopped", func() bool { return w.hostsCheckedSince(stopped) == hosts })
	b.stop(t)
	w.noDoubleRuns(period / 2)
}

// node is one core run as if it were its own process.
type node struct {
	*core.Core
	cancel context.CancelFunc
	done   chan error
}

func startCore(t *testing.T, db *pgxpool.Pool, name string, roles core.Roles) *node {
	t.Helper()
	c, err := core.New(core.Config{DB: db, Secret: secret, BaseURL: "https://mon.example.com",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Ingest: ingest.Config{FlushEvery: 20 * time.Millisecond},
		Sched: sched.Config{Poll: 100 * time.Millisecond}, AlertTick: 20 * time.Millisecond, GroupWait: -1,
		LookupTTL: time.Millisecond,
		Scale:     core.Scale{Roles: roles, Shared: true, Holder: name, AlertRetry: 20 * time.Millisecond, Leases: sched.LeaseConfig{TTL: time.Second}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := &node{Core: c, cancel: cancel, done: make(chan error, 1)}
	go func() { n.done <- c.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-n.done })
	return n
}

// stop shuts the core down as SIGTERM would and checks it went cleanly.
func (n *node) stop(t *testing.T) {
	t.Helper()
	n.cancel()
	if err := <-n.done; err != nil {
		t.Fatal(err)
	}
	n.done <- nil // for the cleanup
}

// holders counts the live leases of each scheduler.
func holders(t *testing.T, db *pgxpool.Pool) map[string]int {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT holder, count(*) FROM scheduler_leases
		WHERE expires_at > now() GROUP BY holder`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]int{}
	for rows.Next() {
		var h string
		var n int
		if err := rows.Scan(&h, &n); err != nil {
			t.Fatal(err)
		}
		got[h] = n
	}
	return got
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
