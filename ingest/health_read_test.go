package ingest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
)

// TestNewSeriesCountWhenAssigned: health is read beside the batch's
// transaction, before its series exist, so whether a new series counts
// comes from its check's assignment. A new series of a check assigned to
// the host makes its health; one of a check no longer assigned to it (a
// result in flight when the host was taken off the check) does not.
func TestNewSeriesCountWhenAssigned(t *testing.T) {
	t.Parallel()
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		ctx := context.Background()
		host := fixture(t, db, "web1")
		assigned, dropped := check(t, db, "assigned", "test.cpu"), check(t, db, "dropped", "test.disk")
		if _, err := db.Exec(ctx, `INSERT INTO check_hosts (check_id, host_id) VALUES ($1, $2)`, assigned, host); err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		w := NewWriter(Config{BatchSize: 2, FlushEvery: time.Hour}, db, rec, nil, discard())
		start(t, w)
		checked := func(r Result, id int64) Result { r.Job.CheckID = id; return r }
		steps := [][]Result{
			{checked(result(host, "test.cpu", t0, 1, state.OK), assigned), checked(result(host, "test.disk", t0, 99, state.Critical), dropped)},
			{checked(result(host, "test.cpu", t0.Add(time.Minute), 50, state.Major), assigned),
				checked(result(host, "test.disk", t0.Add(time.Minute), 99, state.Critical), dropped)},
		}
		for i, step := range steps {
			for _, r := range step {
				if err := w.Submit(ctx, r); err != nil {
					t.Fatal(err)
				}
			}
			waitFor(t, "batch", func() bool { return w.Stats().Written == int64(2*(i+1)) })
		}
		want := []string{"no_data>ok", "ok>major"}
		if got := healthChanges(t, db, host); !slices.Equal(got, want) {
			t.Fatalf("health changes %v, want %v", got, want)
		}
		if trs := rec.got(); len(trs) != 2 || trs[1].Plugin != "test.cpu" {
			t.Fatalf("transitions %+v, want two, the last blamed on test.cpu", trs)
		}
	})
}

// check inserts an enabled check running plugin and returns its id.
func check(t *testing.T, db *pgxpool.Pool, name, plugin string) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := db.QueryRow(ctx, `INSERT INTO checks (name) VALUES ($1) RETURNING id`, name).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO check_plugins (check_id, plugin_id) VALUES ($1, $2)`, id, plugin); err != nil {
		t.Fatal(err)
	}
	return id
}
