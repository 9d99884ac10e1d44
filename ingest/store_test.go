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

// TestHealthOnlyOnChange writes batches in turn and checks what each adds
// to state_changes, health_changes and the alert hand-off: a batch that
// changes no classification writes no health change, one that changes a
// classification without changing the host's worst writes a state change
// only, and one that changes the worst still writes the host's transition.
func TestHealthOnlyOnChange(t *testing.T) {
	t.Parallel()
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		ctx := context.Background()
		host := fixture(t, db, "web1")
		rec := &recorder{}
		w := NewWriter(Config{BatchSize: 2, FlushEvery: time.Hour}, db, rec, nil, discard())
		start(t, w)
		steps := []struct {
			name        string
			cpu, disk   state.State
			wantChanges int
			wantHealth  []string
		}{
			{"first results", state.OK, state.OK, 2, []string{"no_data>ok"}},
			{"nothing changes", state.OK, state.OK, 2, []string{"no_data>ok"}},
			{"cpu goes critical", state.Critical, state.OK, 3, []string{"no_data>ok", "ok>critical"}},
			{"disk goes minor under critical", state.Critical, state.Minor, 4, []string{"no_data>ok", "ok>critical"}},
			{"cpu recovers to the disk's minor", state.OK, state.Minor, 5, []string{"no_data>ok", "ok>critical", "critical>minor"}},
		}
		for i, s := range steps {
			at := t0.Add(time.Duration(i) * time.Minute)
			for _, r := range []Result{result(host, "test.cpu", at, 1, s.cpu), result(host, "test.disk", at, 1, s.disk)} {
				if err := w.Submit(ctx, r); err != nil {
					t.Fatal(err)
				}
			}
			waitFor(t, s.name, func() bool { return w.Stats().Written == int64(2*(i+1)) })
			if n := count(t, db, `SELECT count(*) FROM state_changes WHERE host_id = $1`, host); n != s.wantChanges {
				t.Errorf("%s: %d state changes, want %d", s.name, n, s.wantChanges)
			}
			if h := healthChanges(t, db, host); !slices.Equal(h, s.wantHealth) {
				t.Errorf("%s: health changes %v, want %v", s.name, h, s.wantHealth)
			}
			if trs := rec.got(); len(trs) != len(s.wantHealth) {
				t.Errorf("%s: %d transitions handed to alerting, want %d", s.name, len(trs), len(s.wantHealth))
			}
		}
	})
}
