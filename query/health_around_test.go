package query_test

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

// TestHealthAround: hosts a and b share group g; service s depends on a
// redundancy group of c and the group g; host d is in nothing that holds
// a, so the neighbourhood of a holds a, b and c but not d, and the
// group and service changes it derives when a went ok > critical are those
// of the full load.
func TestHealthAround(t *testing.T) {
	db := pgtest.Plain(t)
	ctx := context.Background()
	ids := map[string]int64{}
	for _, q := range []struct{ name, sql string }{
		{"a", `INSERT INTO hosts (name, address) VALUES ('a', 'x') RETURNING id`},
		{"b", `INSERT INTO hosts (name, address) VALUES ('b', 'x') RETURNING id`},
		{"c", `INSERT INTO hosts (name, address) VALUES ('c', 'x') RETURNING id`},
		{"d", `INSERT INTO hosts (name, address) VALUES ('d', 'x') RETURNING id`},
		{"g", `INSERT INTO host_groups (name) VALUES ('g') RETURNING id`},
		{"s", `INSERT INTO services (name) VALUES ('s') RETURNING id`},
	} {
		var id int64
		if err := db.QueryRow(ctx, q.sql).Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[q.name] = id
	}
	var rg int64
	if err := db.QueryRow(ctx, `INSERT INTO redundancy_groups (service_id, name) VALUES ($1, 'r') RETURNING id`, ids["s"]).Scan(&rg); err != nil {
		t.Fatal(err)
	}
	exec(t, db, `INSERT INTO host_group_hosts (group_id, host_id) VALUES ($1, $2), ($1, $3)`, ids["g"], ids["a"], ids["b"])
	exec(t, db, `INSERT INTO redundancy_group_members (group_id, host_id) VALUES ($1, $2)`, rg, ids["c"])
	exec(t, db, `INSERT INTO redundancy_group_members (group_id, host_group_id) VALUES ($1, $2)`, rg, ids["g"])
	exec(t, db, `INSERT INTO service_dependencies (service_id, redundancy_group_id) VALUES ($1, $2)`, ids["s"], rg)
	exec(t, db, `INSERT INTO plugins (id, name) VALUES ('x.cpu', 'cpu')`)
	for name, st := range map[string]state.State{"a": state.Critical, "b": state.OK, "c": state.OK, "d": state.Major} {
		exec(t, db, `INSERT INTO current_state (host_id, plugin_id, time, status, classification, severity, since)
			VALUES ($1, 'x.cpu', $2, 'ok', $3, prophasis_severity($3), $2)`, ids[name], time.Now(), string(st))
	}

	around := healthAround(t, db, ids["a"], map[int64]state.State{ids["a"]: state.Critical})
	want := []int64{ids["a"], ids["b"], ids["c"]}
	if got := slices.Sorted(maps.Keys(around.Hosts)); !slices.Equal(got, want) {
		t.Fatalf("hosts read %v, want a, b, c = %v", got, want)
	}
	if st := healthAround(t, db, ids["a"], map[int64]state.State{ids["a"]: state.Minor}).Hosts[ids["a"]]; st != state.Minor {
		t.Errorf("host a is %s, want minor as known (not read again)", st)
	}
	full, err := query.LoadHealth(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	before := map[int64]state.State{ids["a"]: state.OK}
	gc, fg := around.GroupChangesSince(before), full.GroupChangesSince(before)
	if !slices.Equal(gc, fg) || len(gc) != 1 || gc[0].ID != ids["g"] || gc[0].To != state.Critical {
		t.Errorf("group changes %+v, full load %+v; want g ok > critical", gc, fg)
	}
	sc, fc := around.ServiceChangesSince(before), full.ServiceChangesSince(before)
	if !slices.Equal(sc, fc) || len(sc) != 1 || sc[0].From != state.OK || sc[0].To != state.Degraded {
		t.Errorf("service changes %+v, full load %+v; want ok > degraded", sc, fc)
	}
}

// healthAround reads the structure in a pipeline, as ingest does, and the
// health around host changed, whose health is known.
func healthAround(t *testing.T, db *pgxpool.Pool, changed int64, known map[int64]state.State) query.Health {
	t.Helper()
	ctx := context.Background()
	b := &pgx.Batch{}
	s := query.QueueStructure(b)
	if err := db.SendBatch(ctx, b).Close(); err != nil {
		t.Fatal(err)
	}
	h, err := s.HealthAround(ctx, db, []int64{changed}, known)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
