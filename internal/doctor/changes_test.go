package doctor

import (
	"context"
	"slices"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
)

func TestChanges(t *testing.T) {
	ok := func(check, msg string) Finding { return Finding{Check: check, Status: OK, Message: msg} }
	warn := func(check, msg string) Finding { return Finding{Check: check, Status: Warn, Message: msg} }
	fail := func(check, msg string) Finding { return Finding{Check: check, Status: Fail, Message: msg} }
	tests := []struct {
		name     string
		findings []Finding
		last     map[string]Status
		want     []string
	}{
		{"always ok stays quiet", []Finding{ok("disk", "1 GB"), ok("disk", "table results")}, nil, nil},
		{"a new problem is logged, its ok findings not", []Finding{ok("rollups", "hourly: up to date"), warn("rollups", "daily: 3 days behind")},
			nil, []string{"warn rollups: daily: 3 days behind"}},
		{"unchanged is quiet", []Finding{warn("rollups", "daily: 3 days behind")}, map[string]Status{"rollups": Warn}, nil},
		{"a worse grade is logged, worst last", []Finding{fail("timescale jobs", "job 1 failed"), warn("timescale jobs", "job 2 paused")},
			map[string]Status{"timescale jobs": Warn}, []string{"warn timescale jobs: job 2 paused", "fail timescale jobs: job 1 failed"}},
		{"a cleared problem is logged once", []Finding{ok("retention", "kept 90 days"), ok("schema", "version 17")},
			map[string]Status{"retention": Fail, "schema": OK}, []string{"ok retention: back to ok: kept 90 days"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range changes(tc.findings, tc.last) {
				got = append(got, string(f.Status)+" "+f.Check+": "+f.Message)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestLogChangesOncePerChange: a second call with the same findings
// writes nothing, and a server holding the lock makes another skip its
// round.
func TestLogChangesOncePerChange(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	problem := []Finding{{Check: "retention", Status: Fail, Message: "oldest raw result is 110 days past the limit"}}
	for i, want := range []int{1, 0} {
		if n, err := LogChanges(ctx, db, problem); err != nil || n != want {
			t.Fatalf("call %d wrote %d entries (%v), want %d", i, n, err, want)
		}
	}
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, changesLockKey); err != nil {
		t.Fatal(err)
	}
	cleared := []Finding{{Check: "retention", Status: OK, Message: "kept 90 days"}}
	if n, err := LogChanges(ctx, db, cleared); err != nil || n != 0 {
		t.Fatalf("with the lock held elsewhere: %d entries (%v), want the round skipped", n, err)
	}
	_ = tx.Rollback(ctx)
	if n, err := LogChanges(ctx, db, cleared); err != nil || n != 1 {
		t.Fatalf("after the lock was released: %d entries (%v), want the clearing", n, err)
	}
}
