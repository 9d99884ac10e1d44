package schema_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/schema"
)

func TestAutoModeFollowsTheServer(t *testing.T) {
	st, err := schema.Migrate(context.Background(), newDB(t), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := schema.ModePlain
	if timescaleAvailable(t) {
		want = schema.ModeTimescale
	}
	if st.Mode != want || (want == schema.ModeTimescale) != (st.Timescale != "") {
		t.Fatalf("auto mode on a server with timescale=%v: %+v", timescaleAvailable(t), st)
	}
}

func TestTimescaleHypertablesAndChunkIntervals(t *testing.T) {
	conn := migrated(t, schema.ModeTimescale)
	for _, tt := range []struct {
		table    string
		interval time.Duration
	}{{"results", 24 * time.Hour}, {"state_changes", 30 * 24 * time.Hour}, {"health_changes", 30 * 24 * time.Hour}} {
		var got time.Duration
		err := conn.QueryRow(context.Background(), `SELECT time_interval FROM timescaledb_information.dimensions
			WHERE hypertable_name = $1 AND column_name = 'time'`, tt.table).Scan(&got)
		if err != nil || got != tt.interval {
			t.Errorf("%s: chunk interval %v, %v; want %v", tt.table, got, err, tt.interval)
		}
	}
	var segmentby, orderby string
	err := conn.QueryRow(context.Background(), `SELECT segmentby, orderby
		FROM timescaledb_information.hypertable_columnstore_settings WHERE hypertable = 'results'::regclass`).Scan(&segmentby, &orderby)
	if err != nil || segmentby != "host_id,plugin_id,check_id" || orderby != `"time" DESC` {
		t.Errorf("results compression: segmentby %q, orderby %q, %v", segmentby, orderby, err)
	}
}

func TestTimescaleContinuousAggregatesAreHierarchicalAndRealTime(t *testing.T) {
	ctx := context.Background()
	conn := migrated(t, schema.ModeTimescale)
	var hourlyMat, dailySource string
	var hourlyOnly, dailyOnly bool
	err := conn.QueryRow(ctx, `SELECT h.materialization_hypertable_name, h.materialized_only, d.hypertable_name, d.materialized_only
		FROM timescaledb_information.continuous_aggregates h, timescaledb_information.continuous_aggregates d
		WHERE h.view_name = 'results_hourly' AND h.hypertable_name = 'results' AND d.view_name = 'results_daily'`).
		Scan(&hourlyMat, &hourlyOnly, &dailySource, &dailyOnly)
	if err != nil {
		t.Fatal(err)
	}
	if dailySource != hourlyMat {
		t.Errorf("results_daily is built on %s, want results_hourly's %s", dailySource, hourlyMat)
	}
	if hourlyOnly || dailyOnly {
		t.Errorf("materialized_only: hourly %v, daily %v; want real-time aggregation on both", hourlyOnly, dailyOnly)
	}

	seedConfig(t, conn)
	now := time.Now().UTC().Truncate(time.Second)
	insert(t, conn, batch(now.Add(-48*time.Hour), time.Hour, 40, 0))
	runJobs(t, conn, "policy_refresh_continuous_aggregate")
	if count(t, conn, `SELECT count(*) FROM _timescaledb_internal.`+hourlyMat) == 0 {
		t.Fatal("the refresh policies materialised nothing")
	}
	exec(t, conn, `INSERT INTO results (time, host_id, plugin_id, check_id, value, status, classification, severity)
		VALUES ($1, 3, 'com.example.disk', 99, 42.5, 'ok', 'major', 5)`, now)
	for _, rollup := range []string{"results_hourly", "results_daily"} {
		n := count(t, conn, `SELECT count(*) FROM `+rollup+` WHERE host_id = 3 AND plugin_id = 'com.example.disk' AND check_id = 99
			AND max = 42.5 AND worst_classification = 'major' AND bucket <= $1`, now)
		if n != 1 {
			t.Errorf("%s: a row inserted just now is not visible without a refresh", rollup)
		}
	}
}

// jobs maps each policy of this database to its relation and config.
func jobs(t testing.TB, conn db) map[string]map[string]any {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT j.proc_name || ' ' || coalesce(ca.view_name, j.hypertable_name), j.config
		FROM timescaledb_information.jobs j
		LEFT JOIN timescaledb_information.continuous_aggregates ca ON ca.materialization_hypertable_name = j.hypertable_name
		WHERE j.hypertable_name IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]any{}
	var key string
	var config map[string]any
	_, err = pgx.ForEachRow(rows, []any{&key, &config}, func() error { got[key] = config; return nil })
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// runJobs runs, in the foreground and in job id order, this database's
// policies whose procedure name starts with prefix.
func runJobs(t testing.TB, conn db, prefix string) {
	t.Helper()
	rows, _ := conn.Query(context.Background(), `SELECT job_id FROM timescaledb_information.jobs
		WHERE hypertable_name IS NOT NULL AND starts_with(proc_name, $1) ORDER BY job_id`, prefix)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil || len(ids) == 0 {
		t.Fatalf("jobs %q: %v, %v", prefix, ids, err)
	}
	for _, id := range ids {
		exec(t, conn, `CALL run_job($1)`, id)
	}
}

func TestTimescalePoliciesExistAndRun(t *testing.T) {
	conn := migrated(t, schema.ModeTimescale)
	got := jobs(t, conn)
	want := map[string][2]string{
		"policy_refresh_continuous_aggregate results_hourly": {"start_offset", "7 days"},
		"policy_refresh_continuous_aggregate results_daily":  {"start_offset", "30 days"},
		"policy_compression results":                         {"compress_after", "7 days"},
		"policy_retention results":                           {"drop_after", "90 days"},
		"policy_retention results_hourly":                    {"drop_after", "2 years"},
		"policy_retention results_daily":                     {"drop_after", "10 years"},
	}
	for job, kv := range want {
		if got[job] == nil || got[job][kv[0]] != kv[1] {
			t.Errorf("job %q: config %v, want %s = %s", job, got[job], kv[0], kv[1])
		}
	}
	if len(got) != len(want) {
		t.Errorf("jobs %v, want exactly %d", got, len(want))
	}

	seedConfig(t, conn)
	now := time.Now().UTC()
	// The old batches start at noon so their ten minutes stay inside one
	// 1-day chunk whatever the time of day the test runs (at 23:55 they
	// would straddle two chunks).
	noon := now.Truncate(24 * time.Hour).Add(12 * time.Hour)
	insert(t, conn, batch(noon.Add(-100*24*time.Hour), time.Minute, 10, 0))
	insert(t, conn, batch(noon.Add(-10*24*time.Hour), time.Minute, 10, 1))
	insert(t, conn, batch(now.Add(-time.Hour), time.Minute, 10, 2))
	runJobs(t, conn, "policy_")
	if n := count(t, conn, `SELECT count(*) FROM results WHERE time < $1`, now.Add(-90*24*time.Hour)); n != 0 {
		t.Errorf("retention policy left %d rows older than 90 days", n)
	}
	if n := count(t, conn, `SELECT count(*) FROM results`); n != 20 {
		t.Errorf("%d results left after the policies ran, want the 20 newer than 90 days", n)
	}
	if n := count(t, conn, `SELECT count(*) FROM timescaledb_information.chunks
		WHERE hypertable_name = 'results' AND is_compressed`); n != 1 {
		t.Errorf("%d compressed chunks, want the one older than 7 days", n)
	}
	// A late result for a compressed chunk is accepted and, once the
	// rollups are refreshed over its range, counted.
	insert(t, conn, batch(noon.Add(-10*24*time.Hour+30*time.Second), time.Minute, 3, 3))
	if err := schema.RefreshRollups(context.Background(), conn, now.Add(-11*24*time.Hour), now); err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct{ rollup, width string }{{"results_hourly", "hour"}, {"results_daily", "day"}} {
		if n := rollupMismatches(t, conn, r.rollup, r.width); n != 0 {
			t.Errorf("%s differs from raw in %d rows after compression and a late insert", r.rollup, n)
		}
	}
}

func TestSetRetentionReplacesTimescalePolicies(t *testing.T) {
	conn := migrated(t, schema.ModeTimescale)
	r := schema.Retention{Raw: 30 * 24 * time.Hour, Hourly: 400 * 24 * time.Hour, Daily: 5000 * 24 * time.Hour}
	if err := schema.SetRetention(context.Background(), conn, r); err != nil {
		t.Fatal(err)
	}
	got := jobs(t, conn)
	for job, want := range map[string]string{
		"policy_retention results": "30 days", "policy_retention results_hourly": "400 days", "policy_retention results_daily": "5000 days",
	} {
		if got[job]["drop_after"] != want {
			t.Errorf("%s: drop_after %v, want %s", job, got[job]["drop_after"], want)
		}
	}
	d, err := schema.ApplyRetention(context.Background(), conn, time.Now(), r)
	if err != nil || d != (schema.Deleted{}) {
		t.Errorf("ApplyRetention in timescale mode = %+v, %v; want a no-op", d, err)
	}
}
