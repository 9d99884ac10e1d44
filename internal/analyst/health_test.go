package analyst_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

// TestHealthViewsAgreeWithQuery evaluates hosts, groups and services with
// the views and with package query (what the web app and alerts use) on
// one scenario: both must give the states a user expects.
func TestHealthViewsAgreeWithQuery(t *testing.T) {
	db := pgtest.Plain(t)
	s := seeder{t, db}
	s.plugin("com.example.cpu", "CPU")
	s.plugin("com.example.disk", "Disk")
	h := map[string]int64{}
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		h[name] = s.host(name)
	}
	inner := s.group("inner", []int64{h["a"], h["b"]}, nil)
	outer := s.group("outer", []int64{h["c"]}, []int64{inner})
	empty := s.group("empty", nil, nil)
	chk := s.check("cpu", []int64{h["a"], h["b"]}, []int64{outer}, "com.example.cpu")
	other := s.check("disk on e", []int64{h["e"]}, nil, "com.example.disk")
	s.current(h["a"], "com.example.cpu", &chk, "ok")
	s.current(h["b"], "com.example.cpu", &chk, "critical")
	s.current(h["c"], "com.example.cpu", &chk, "ok")
	s.current(h["d"], "com.example.disk", nil, "minor")       // pushed: always counts
	s.current(h["f"], "com.example.disk", &other, "critical") // f is not assigned to that check
	none := []int64(nil)
	services := map[string]int64{
		"hosts":               s.service("hosts", []int64{h["a"], h["d"]}, nil),
		"group":               s.service("group", nil, []int64{inner}),
		"redundant degraded":  s.service("redundant degraded", nil, nil, [2][]int64{{h["a"], h["b"]}, none}),
		"redundant no data":   s.service("redundant no data", []int64{h["a"]}, nil, [2][]int64{{h["e"]}, none}),
		"no data ignored":     s.service("no data ignored", nil, nil, [2][]int64{{h["a"], h["e"]}, none}),
		"redundant via group": s.service("redundant via group", nil, nil, [2][]int64{{h["d"]}, {outer}}),
		"all members bad":     s.service("all members bad", nil, nil, [2][]int64{{h["b"], h["d"]}, none}),
		"nothing":             s.service("nothing", nil, nil),
	}
	// A redundancy group the service does not list as a dependency is ignored.
	rg := s.id(`INSERT INTO redundancy_groups (service_id, name) VALUES ($1, 'unused') RETURNING id`, services["nothing"])
	s.exec(`INSERT INTO redundancy_group_members (group_id, host_id) VALUES ($1, $2)`, rg, h["b"])

	want := map[string]map[string]state.State{
		"host":  {"a": state.OK, "b": state.Critical, "c": state.OK, "d": state.Minor, "e": state.NoData, "f": state.NoData},
		"group": {"inner": state.Critical, "outer": state.Critical, "empty": state.NoData},
		"service": {"hosts": state.Minor, "group": state.Critical, "redundant degraded": state.Degraded,
			"redundant no data": state.OK, "no data ignored": state.OK, "redundant via group": state.Degraded,
			"all members bad": state.Minor, "nothing": state.NoData},
	}
	got := viewStates(t, connectAs(t, db, newReader(t, db, 0))) // as analysts read them
	for kind, names := range want {
		for name, w := range names {
			if g := got[kind][name]; g != w {
				t.Errorf("%s %s: view says %s, want %s", kind, name, g, w)
			}
		}
	}

	health, err := query.LoadHealth(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range h {
		if g := health.Host(id); g != got["host"][name] {
			t.Errorf("host %s: query says %s, view %s", name, g, got["host"][name])
		}
	}
	groups := health.GroupStates()
	for name, id := range map[string]int64{"inner": inner, "outer": outer, "empty": empty} {
		if groups[id] != got["group"][name] {
			t.Errorf("group %s: query says %s, view %s", name, groups[id], got["group"][name])
		}
	}
	svc := health.ServiceStates()
	for name, id := range services {
		if svc[id] != got["service"][name] {
			t.Errorf("service %s: query says %s, view %s", name, svc[id], got["service"][name])
		}
	}
}

// viewStates reads the three health views by kind and name, checking that
// severity always ranks state.
func viewStates(t *testing.T, db interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}) map[string]map[string]state.State {
	t.Helper()
	rows, err := db.Query(context.Background(), `
		SELECT 'host', host_name, state, severity FROM analyst.host_health
		UNION ALL SELECT 'group', host_group_name, state, severity FROM analyst.host_group_health
		UNION ALL SELECT 'service', service_name, state, severity FROM analyst.service_health`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]state.State{"host": {}, "group": {}, "service": {}}
	var kind, name string
	var st state.State
	var severity int
	_, err = pgx.ForEachRow(rows, []any{&kind, &name, &st, &severity}, func() error {
		if st.Severity() != severity {
			t.Errorf("%s %s: state %s with severity %d", kind, name, st, severity)
		}
		out[kind][name] = st
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
