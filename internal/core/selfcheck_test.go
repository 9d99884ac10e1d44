package core

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// TestSelfCheckLogsChanges: a raw result far past the retention limit is
// written to the system log by the first self-check, not again by the
// second, and cleared by the next one once a retention pass removed it.
func TestSelfCheckLogsChanges(t *testing.T) {
	t.Parallel()
	db := pgtest.Plain(t)
	ctx := context.Background()
	host := hostWithPlugin(t, db)
	old := storage.Result{Time: time.Now().Add(-200 * 24 * time.Hour), HostID: host, PluginID: "test.cpu", Status: "ok", Classification: state.OK}
	if _, err := storage.CopyResults(ctx, db, []storage.Result{old}); err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{DB: db, Secret: make([]byte, 32), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	retention := func() []string {
		rows, _ := db.Query(ctx, `SELECT severity || ' ' || message FROM system_log
			WHERE category = 'doctor' AND details->>'check' = 'retention' ORDER BY id`)
		got, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	entries := func() (n int) {
		if err := db.QueryRow(ctx, `SELECT count(*) FROM system_log WHERE category = 'doctor'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	c.selfCheck(ctx)
	if got := retention(); len(got) != 1 || !strings.HasPrefix(got[0], "error retention: oldest raw result") {
		t.Fatalf("after the first round: %q, want the retention problem once", got)
	}
	n := entries()
	c.selfCheck(ctx)
	if entries() != n {
		t.Fatalf("the second round wrote %d entries, want none: nothing changed", entries()-n)
	}
	if err := c.prune(ctx); err != nil {
		t.Fatal(err)
	}
	c.selfCheck(ctx)
	if got := retention(); len(got) != 2 || !strings.HasPrefix(got[1], "info retention: back to ok") {
		t.Fatalf("after the retention pass: %q, want the problem cleared", got)
	}
}
