package dryrun_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/bootstrap"
	"github.com/prophasis/prophasis/internal/dryrun"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

const disk = "com.prophasis.disk"

// seed stores a host checked for disk use with one result a minute until
// now: 50 %, then 90 % for three minutes, then 50 % again.
func seed(t *testing.T, now time.Time) *pgxpool.Pool {
	t.Helper()
	ctx, db := context.Background(), pgtest.Plain(t)
	if err := bootstrap.Install(ctx, db, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	host, err := storage.CreateHost(ctx, db, storage.Host{Name: "files", Address: "files.example", Port: 4048, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	check, err := storage.SaveCheckConfig(ctx, db, storage.CheckConfig{Name: "disks", Enabled: true},
		storage.CheckMembers{HostIDs: []int64{host}, Plugins: map[string]map[string]string{disk: {"mount": "/srv"}}})
	if err != nil {
		t.Fatal(err)
	}
	values := []float64{50, 50, 50, 90, 90, 90, 50, 50}
	for i, v := range values {
		at := now.Add(time.Duration(i-len(values)+1) * time.Minute)
		_, err := db.Exec(ctx, `INSERT INTO results (time, host_id, plugin_id, check_id, value, message, status, exit_code, classification, severity)
			VALUES ($1, $2, $3, $4, $5, 'used', 'ok', 0, 'ok', 1)`, at, host, disk, check, v)
		if err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func written(t *testing.T, db *pgxpool.Pool) int {
	t.Helper()
	var n int
	err := db.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM results) + (SELECT count(*) FROM current_state)
		+ (SELECT count(*) FROM state_changes) + (SELECT count(*) FROM classifiers)`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const rule = `if args.mount ~= "/srv" then return "unknown", "wrong args" end
if result.value > 80 then return "critical", "over 80 %" end
return "ok"`

func TestBacktestReplaysTheWindow(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	db := seed(t, now)
	before := written(t, db)
	rep, err := dryrun.Test(context.Background(), db, dryrun.Options{PluginID: disk, Code: rule, Window: time.Hour}, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		st state.State
		n  int
	}{{state.OK, 3}, {state.Critical, 3}, {state.OK, 2}}
	if len(rep.Runs) != len(want) {
		t.Fatalf("runs %+v", rep.Runs)
	}
	for i, w := range want {
		if rep.Runs[i].State != w.st || rep.Runs[i].Results != w.n {
			t.Errorf("run %d: %+v, want %s x%d", i, rep.Runs[i], w.st, w.n)
		}
	}
	s := rep.Summary
	if s.Results != 8 || s.Problems != 1 || s.Recoveries != 1 || s.Errors != 0 || rep.Host != "files" || rep.Classifier != "file" {
		t.Errorf("report %+v summary %+v", rep, s)
	}
	if after := written(t, db); after != before {
		t.Errorf("a backtest wrote to the database: %d rows became %d", before, after)
	}
}

func TestDryRunOnLatestResult(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	db := seed(t, now)
	for _, tc := range []struct {
		name string
		opt  dryrun.Options
		want state.State
	}{
		{"stored default classifier", dryrun.Options{PluginID: disk, Host: "files"}, state.OK},
		{"file", dryrun.Options{PluginID: disk, Code: `return "major", "because"`}, state.Major},
		{"broken file", dryrun.Options{PluginID: disk, Code: `return (`}, state.Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := dryrun.Test(context.Background(), db, tc.opt, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Steps) != 1 || !rep.Steps[0].Time.Equal(now) || rep.Steps[0].State != tc.want {
				t.Errorf("steps %+v, want one %s at %s", rep.Steps, tc.want, now)
			}
		})
	}
	_, err := dryrun.Test(context.Background(), db, dryrun.Options{PluginID: disk, CheckID: 999}, now)
	if !errors.Is(err, dryrun.ErrNoResults) {
		t.Errorf("check without results: %v", err)
	}
	_, err = dryrun.Test(context.Background(), db, dryrun.Options{PluginID: disk, Host: "nope"}, now)
	if !errors.Is(err, dryrun.ErrNoResults) {
		t.Errorf("unknown host: %v", err)
	}
	_, err = dryrun.Test(context.Background(), db, dryrun.Options{PluginID: disk, Window: time.Hour}, now.Add(-time.Hour))
	if !errors.Is(err, dryrun.ErrNoResults) {
		t.Errorf("empty window: %v", err)
	}
}
