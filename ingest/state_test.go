package ingest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// TestStateAcrossBatches submits two batches of three, the first out of
// time order and with two changes of the same series, and checks
// current_state, state_changes, health_changes and the alert hand-off.
func TestStateAcrossBatches(t *testing.T) {
	t.Parallel()
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		ctx := context.Background()
		host := fixture(t, db, "web1")
		rec := &recorder{}
		w := NewWriter(Config{BatchSize: 3, FlushEvery: time.Hour}, db, rec, nil, discard())
		start(t, w)
		at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
		batches := [][]Result{
			{result(host, "test.cpu", at(2), 95, state.Critical), result(host, "test.cpu", at(0), 10, state.OK),
				result(host, "test.disk", at(1), 50, state.OK)},
			{result(host, "test.cpu", at(3), 96, state.Critical), result(host, "test.cpu", at(4), 12, state.OK),
				result(host, "test.disk", at(4), 51, state.OK)},
		}
		for i, b := range batches {
			for _, r := range b {
				if err := w.Submit(ctx, r); err != nil {
					t.Fatal(err)
				}
			}
			waitFor(t, "batch", func() bool { return w.Stats().Written == int64(3*(i+1)) })
		}

		cs, err := storage.LockCurrentStates(ctx, db, []storage.Series{{HostID: host, PluginID: "test.cpu"}})
		if c := cs[storage.Series{HostID: host, PluginID: "test.cpu"}]; err != nil || c.Classification != state.OK ||
			!c.Since.Equal(at(4)) || *c.Value != 12 {
			t.Fatalf("current state %+v, %v; want ok since minute 4", c, err)
		}
		got := stateChangeLog(t, db, host, "test.cpu")
		want := []string{"no_data>ok@0s", "ok>critical@2m0s", "critical>ok@4m0s"}
		if !slices.Equal(got, want) {
			t.Fatalf("state changes %v, want %v", got, want)
		}
		wantHealth := []string{"no_data>critical", "critical>ok"}
		if h := healthChanges(t, db, host); !slices.Equal(h, wantHealth) {
			t.Fatalf("health changes %v, want %v", h, wantHealth)
		}
		trs := rec.got()
		if len(trs) != 2 || trs[0].Subject != alert.SubjectHost || trs[0].To != state.Critical ||
			trs[0].Plugin != "test.cpu" || trs[1].To != state.OK {
			t.Fatalf("transitions %+v", trs)
		}
	})
}

func healthChanges(t *testing.T, db *pgxpool.Pool, host int64) []string {
	t.Helper()
	rows, _ := db.Query(context.Background(),
		`SELECT from_state || '>' || to_state FROM health_changes WHERE host_id = $1 ORDER BY time`, host)
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestServiceTransitions: a service depends on a redundancy group of two
// hosts; one host going critical degrades it, both critical make it
// critical. The alert engine hears host and service transitions.
func TestServiceTransitions(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	ctx := context.Background()
	a, b := fixture(t, db, "web1"), fixture(t, db, "web2")
	var svc, grp, hg int64
	if err := db.QueryRow(ctx, `INSERT INTO services (name) VALUES ('shop') RETURNING id`).Scan(&svc); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(ctx, `INSERT INTO host_groups (name) VALUES ('web') RETURNING id`).Scan(&hg); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO host_group_hosts (group_id, host_id) VALUES ($1, $2), ($1, $3)`, hg, a, b); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(ctx, `INSERT INTO redundancy_groups (service_id, name) VALUES ($1, 'web') RETURNING id`, svc).Scan(&grp); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO redundancy_group_members (group_id, host_id) VALUES ($1, $2), ($1, $3)`, grp, a, b); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO service_dependencies (service_id, redundancy_group_id) VALUES ($1, $2)`, svc, grp); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	w := NewWriter(Config{BatchSize: 2, FlushEvery: time.Hour}, db, rec, nil, discard())
	start(t, w)
	steps := [][]Result{
		{result(a, "test.cpu", t0, 1, state.OK), result(b, "test.cpu", t0, 1, state.OK)},
		{result(a, "test.cpu", t0.Add(time.Minute), 99, state.Critical), result(b, "test.cpu", t0.Add(time.Minute), 1, state.OK)},
		{result(a, "test.cpu", t0.Add(2*time.Minute), 99, state.Critical), result(b, "test.cpu", t0.Add(2*time.Minute), 99, state.Critical)},
	}
	for i, step := range steps {
		for _, r := range step {
			if err := w.Submit(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		waitFor(t, "batch", func() bool { return w.Stats().Written == int64(2*(i+1)) })
	}
	var got []string
	for _, tr := range rec.got() {
		if tr.Subject == alert.SubjectService {
			got = append(got, tr.Name+":"+string(tr.From)+">"+string(tr.To))
		}
	}
	want := []string{"shop:no_data>ok", "shop:ok>degraded", "shop:degraded>critical"}
	if !slices.Equal(got, want) {
		t.Fatalf("service transitions %v, want %v", got, want)
	}
	if n := count(t, db, `SELECT count(*) FROM health_changes WHERE service_id = $1`, svc); n != 3 {
		t.Fatalf("%d service health changes stored, want 3", n)
	}
	if got := count(t, db, `SELECT count(*) FROM health_changes WHERE host_group_id = $1 AND to_state = 'critical'`, hg); got != 1 {
		t.Fatalf("%d critical changes of host group web1+web2, want 1", got)
	}
}
