package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// sqlSeed runs statements that each return one id, in order.
func sqlSeed(t *testing.T, db *pgxpool.Pool, stmts ...string) []int64 {
	t.Helper()
	ids := make([]int64, len(stmts))
	for i, q := range stmts {
		if err := db.QueryRow(context.Background(), q).Scan(&ids[i]); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return ids
}

func setCurrent(t *testing.T, db *pgxpool.Pool, host int64, plugin string, check *int64, class state.State) {
	t.Helper()
	const q = `INSERT INTO current_state (host_id, plugin_id, check_id, time, status, classification, severity, since)
		VALUES ($1, $2, $3, $4, 'ok', $5, prophasis_severity($5), $4)
		ON CONFLICT (host_id, plugin_id, check_id) DO UPDATE SET classification = EXCLUDED.classification, severity = EXCLUDED.severity`
	if _, err := db.Exec(context.Background(), q, host, plugin, check, time.Now(), string(class)); err != nil {
		t.Fatal(err)
	}
}

// TestAssignedHostHealth: host a is checked directly, host b through a
// nested group; host c has only a stale series from a check that no longer
// covers it; host d has nothing.
func TestAssignedHostHealth(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	ids := sqlSeed(t, db,
		`INSERT INTO hosts (name, address) VALUES ('a', 'a') RETURNING id`,
		`INSERT INTO hosts (name, address) VALUES ('b', 'b') RETURNING id`,
		`INSERT INTO hosts (name, address) VALUES ('c', 'c') RETURNING id`,
		`INSERT INTO hosts (name, address) VALUES ('d', 'd') RETURNING id`,
		`INSERT INTO host_groups (name) VALUES ('outer') RETURNING id`,
		`INSERT INTO host_groups (name) VALUES ('inner') RETURNING id`,
		`INSERT INTO checks (name) VALUES ('basic') RETURNING id`,
		`INSERT INTO checks (name, enabled) VALUES ('off', false) RETURNING id`,
	)
	a, b, c, d, outer, inner, basic, off := ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7]
	sqlExec(t, db, `INSERT INTO plugins (id, name) VALUES ('x.cpu', 'cpu'), ('x.disk', 'disk')`)
	sqlExec(t, db, `INSERT INTO host_group_groups (parent_id, child_id) VALUES ($1, $2)`, outer, inner)
	sqlExec(t, db, `INSERT INTO host_group_hosts (group_id, host_id) VALUES ($1, $2)`, inner, b)
	sqlExec(t, db, `INSERT INTO check_hosts (check_id, host_id) VALUES ($1, $2), ($3, $2)`, basic, a, off)
	sqlExec(t, db, `INSERT INTO check_host_groups (check_id, group_id) VALUES ($1, $2)`, basic, outer)
	sqlExec(t, db, `INSERT INTO check_plugins (check_id, plugin_id) VALUES ($1, 'x.cpu'), ($1, 'x.disk'), ($2, 'x.disk')`, basic, off)
	setCurrent(t, db, a, "x.cpu", &basic, state.Minor)
	setCurrent(t, db, a, "x.disk", &basic, state.OK)
	setCurrent(t, db, a, "x.disk", &off, state.Critical)  // disabled check: ignored
	setCurrent(t, db, b, "x.cpu", &basic, state.Major)    // through outer > inner
	setCurrent(t, db, c, "x.cpu", &basic, state.Critical) // c is not in the check
	setCurrent(t, db, c, "x.cpu", nil, state.Unknown)     // pushed: counts
	got, err := storage.AssignedHostHealth(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]state.State{a: state.Minor, b: state.Major, c: state.Unknown, d: state.NoData}
	for id, s := range want {
		if got[id] != s {
			t.Errorf("host %d: %s, want %s", id, got[id], s)
		}
	}
	some, err := storage.AssignedHostHealth(ctx, db, []int64{b})
	if err != nil || len(some) != 1 || some[b] != state.Major {
		t.Errorf("health of host b only = %v, %v", some, err)
	}
}

func TestServiceStructures(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	ids := sqlSeed(t, db,
		`INSERT INTO hosts (name, address) VALUES ('router', 'r') RETURNING id`,
		`INSERT INTO hosts (name, address) VALUES ('web1', 'w1') RETURNING id`,
		`INSERT INTO host_groups (name) VALUES ('webs') RETURNING id`,
		`INSERT INTO services (name) VALUES ('shop') RETURNING id`,
	)
	router, web1, webs, shop := ids[0], ids[1], ids[2], ids[3]
	var rg int64
	if err := db.QueryRow(ctx, `INSERT INTO redundancy_groups (service_id, name) VALUES ($1, 'web') RETURNING id`, shop).Scan(&rg); err != nil {
		t.Fatal(err)
	}
	sqlExec(t, db, `INSERT INTO service_dependencies (service_id, host_id) VALUES ($1, $2)`, shop, router)
	sqlExec(t, db, `INSERT INTO service_dependencies (service_id, redundancy_group_id) VALUES ($1, $2)`, shop, rg)
	sqlExec(t, db, `INSERT INTO redundancy_group_members (group_id, host_id) VALUES ($1, $2)`, rg, web1)
	sqlExec(t, db, `INSERT INTO redundancy_group_members (group_id, host_group_id) VALUES ($1, $2)`, rg, webs)
	got, err := storage.ServiceStructures(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "shop" || len(got[0].Hosts) != 1 || got[0].Hosts[0] != router ||
		len(got[0].Redundancy) != 1 || got[0].Redundancy[0].Hosts[0] != web1 || got[0].Redundancy[0].Groups[0] != webs {
		t.Fatalf("structures = %+v", got)
	}
}

func sqlExec(t *testing.T, db *pgxpool.Pool, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// BenchmarkAssignedHostHealth: 2,000 hosts, each in one of 20 groups, one
// check over the groups with 12 plugins, every series in current_state
// (24,000 rows); one call reads the health of every host.
func BenchmarkAssignedHostHealth(b *testing.B) {
	ctx, db := context.Background(), pgtest.Plain(b)
	for _, q := range []string{
		`INSERT INTO hosts (name, address) SELECT 'h' || i, 'a' || i FROM generate_series(1, 2000) i`,
		`INSERT INTO host_groups (name) SELECT 'g' || i FROM generate_series(1, 20) i`,
		`INSERT INTO host_group_hosts (group_id, host_id) SELECT g.id, h.id FROM hosts h JOIN host_groups g ON g.name = 'g' || (h.id % 20 + 1)`,
		`INSERT INTO checks (name) VALUES ('all')`,
		`INSERT INTO check_host_groups (check_id, group_id) SELECT c.id, g.id FROM checks c, host_groups g`,
		`INSERT INTO plugins (id, name) SELECT 'x.p' || i, 'p' || i FROM generate_series(1, 12) i`,
		`INSERT INTO check_plugins (check_id, plugin_id) SELECT c.id, p.id FROM checks c, plugins p`,
		`INSERT INTO current_state (host_id, plugin_id, check_id, time, status, classification, severity, since)
			SELECT h.id, p.id, c.id, now(), 'ok', 'ok', 1, now() FROM hosts h, plugins p, checks c`,
		`ANALYZE`,
	} {
		if _, err := db.Exec(ctx, q); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			if got, err := storage.AssignedHostHealth(ctx, db, nil); err != nil || len(got) != 2000 {
				b.Fatalf("%d hosts, %v", len(got), err)
			}
		}
	})
	b.Run("batch of 50", func(b *testing.B) {
		ids := make([]int64, 50)
		for i := range ids {
			ids[i] = int64(i*40 + 1)
		}
		for b.Loop() {
			if got, err := storage.AssignedHostHealth(ctx, db, ids); err != nil || len(got) != 50 {
				b.Fatalf("%d hosts, %v", len(got), err)
			}
		}
	})
}
