package schema_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/sync/errgroup"

	"github.com/prophasis/prophasis/internal/schema"
)

// seedConfig creates the hosts and plugins results refer to.
func seedConfig(t testing.TB, conn db) {
	t.Helper()
	exec(t, conn, `INSERT INTO hosts (name, address) VALUES ('web1', '10.0.0.1'), ('web2', '10.0.0.2'), ('db1', '10.0.0.3')`)
	exec(t, conn, `INSERT INTO plugins (id, name) VALUES ('com.example.cpu', 'CPU'), ('com.example.disk', 'Disk')`)
}

// resultsTable and resultColumns are the COPY target the tests write.
var resultsTable = pgx.Identifier{"results"}

// rowsSource feeds generated rows to COPY.
func rowsSource(rows [][]any) pgx.CopyFromSource { return pgx.CopyFromRows(rows) }

var resultColumns = []string{"time", "host_id", "plugin_id", "check_id", "value", "status", "classification", "severity"}

// batch generates n results from start, step apart, cycling through hosts,
// plugins, checks (NULL included), classifications and NULL values. Values
// are multiples of 0.5 so sums are exact in float64.
func batch(start time.Time, step time.Duration, n, seed int) [][]any {
	classes := []struct {
		name string
		sev  int16
	}{{"ok", 1}, {"minor", 4}, {"ok", 1}, {"critical", 6}, {"unknown", 2}, {"major", 5}}
	plugins := []string{"com.example.cpu", "com.example.disk"}
	rows := make([][]any, 0, n)
	for i := range n {
		k := i + seed
		var value any = float64(k%97) * 0.5
		if k%7 == 0 {
			value = nil
		}
		var check any = int64(k % 3)
		if k%3 == 0 {
			check = nil
		}
		c := classes[k%len(classes)]
		rows = append(rows, []any{start.Add(time.Duration(i) * step), int64(k%3 + 1), plugins[k%2], check, value, "ok", c.name, c.sev})
	}
	return rows
}

// insert writes rows with COPY, the way ingest does.
func insert(t testing.TB, conn db, rows [][]any) {
	t.Helper()
	_, err := conn.CopyFrom(context.Background(), resultsTable, resultColumns, rowsSource(rows))
	if err != nil {
		t.Fatal(err)
	}
}

// rollupMismatches counts rows that differ between a rollup and the same
// aggregation computed from raw results, in either direction.
func rollupMismatches(t testing.TB, conn db, rollup, width string) int64 {
	t.Helper()
	return count(t, conn, `WITH want AS (
		SELECT date_trunc('`+width+`', time, 'UTC') AS bucket, host_id, plugin_id, check_id,
		       sum(value) / nullif(count(value), 0) AS avg, min(value) AS min, max(value) AS max,
		       count(value) AS count, sum(value) AS sum, count(*) AS total,
		       max(severity) AS worst_severity, prophasis_state(max(severity)) AS worst_classification
		FROM results GROUP BY 1, 2, 3, 4),
	got AS (
		SELECT bucket, host_id, plugin_id, check_id, avg, min, max, count, sum, total, worst_severity, worst_classification
		FROM `+rollup+`)
	SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT ALL SELECT * FROM got) a)
	     + (SELECT count(*) FROM (SELECT * FROM got EXCEPT ALL SELECT * FROM want) b)`)
}

// refresh materialises the continuous aggregates in timescale mode; in
// plain mode the rollups are always current and there is nothing to do.
func refresh(t testing.TB, conn db) {
	t.Helper()
	if count(t, conn, `SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'`) == 0 {
		return
	}
	exec(t, conn, `CALL refresh_continuous_aggregate('results_hourly', NULL, NULL)`)
	exec(t, conn, `CALL refresh_continuous_aggregate('results_daily', NULL, NULL)`)
}

func TestRollupsMatchRawAcrossBucketsAndLateRows(t *testing.T) {
	eachMode(t, func(t *testing.T, conn db) {
		seedConfig(t, conn)
		day0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		check := func(stage string) {
			t.Helper()
			for _, r := range []struct{ rollup, width string }{{"results_hourly", "hour"}, {"results_daily", "day"}} {
				if n := rollupMismatches(t, conn, r.rollup, r.width); n != 0 {
					t.Fatalf("%s: %s differs from raw in %d rows", stage, r.rollup, n)
				}
			}
		}
		insert(t, conn, batch(day0.Add(2*time.Hour), 7*time.Minute, 600, 0)) // ~70 hours, three days
		insert(t, conn, batch(day0.Add(30*time.Hour), 11*time.Minute, 300, 1))
		check("fresh")
		refresh(t, conn)
		check("materialised")
		// Late rows: older than everything so far, on bucket edges, and
		// inside buckets that already hold data.
		insert(t, conn, batch(day0.Add(-90*time.Minute), time.Hour, 5, 2))
		insert(t, conn, batch(day0.Add(3*time.Hour-time.Microsecond), 24*time.Hour, 3, 3))
		exec(t, conn, `INSERT INTO results (time, host_id, plugin_id, value, status, classification, severity)
			VALUES ($1, 1, 'com.example.cpu', 1e6, 'ok', 'critical', 6), ($1, 1, 'com.example.cpu', NULL, 'timeout', 'unknown', 2)`,
			day0.Add(5*time.Hour))
		refresh(t, conn)
		check("after late rows")
		if n := count(t, conn, `SELECT count(*) FROM results_daily`); n < 6 {
			t.Fatalf("results_daily has %d rows; the data spans several days and series", n)
		}
	})
}

func TestConcurrentInsertsIntoTheSameBucketsMergeExactly(t *testing.T) {
	conn := migrated(t, schema.ModePlain)
	seedConfig(t, conn)
	day0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var g errgroup.Group
	for w := range 4 {
		g.Go(func() error {
			for i := range 10 {
				// Every writer covers the same hours in a different order.
				start := day0.Add(time.Duration((i*7+w*3)%10) * time.Hour)
				rows := batch(start, 3*time.Minute, 60, w*100+i)
				if _, err := conn.CopyFrom(context.Background(), resultsTable, resultColumns, rowsSource(rows)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct{ rollup, width string }{{"results_hourly", "hour"}, {"results_daily", "day"}} {
		if n := rollupMismatches(t, conn, r.rollup, r.width); n != 0 {
			t.Errorf("%s differs from raw in %d rows after concurrent inserts", r.rollup, n)
		}
	}
}
