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
		changes, err := storage.StateChangesOf(ctx, db, host, "test.cpu", at(-1), 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range changes {
			got = append(got, string(c.From)+">"+string(c.To)+"@"+c.Time.Sub(t0).String())
		}
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
