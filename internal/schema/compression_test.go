package schema_test

import (
	"context"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/schema"
)

// snapshot is every result as text, in a fixed order: equal snapshots
// mean no row, column or digit changed.
func snapshot(t testing.TB, conn db) string {
	t.Helper()
	var s string
	err := conn.QueryRow(context.Background(), `SELECT coalesce(string_agg(r::text, E'\n'
		ORDER BY time, host_id, plugin_id, check_id NULLS FIRST), '') FROM results r`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTimescaleCompressionKeepsEveryResultSegmentedBySeries compresses a
// day where each host runs each plugin as two checks and as pushed results
// (check_id NULL), interleaved minute by minute, and reads it back: every
// result survives, and the chunk was segmented by the full series key.
func TestTimescaleCompressionKeepsEveryResultSegmentedBySeries(t *testing.T) {
	conn := migrated(t, schema.ModeTimescale)
	ctx := context.Background()
	seedConfig(t, conn)
	noon := time.Now().UTC().Truncate(24 * time.Hour).Add(-10*24*time.Hour + 12*time.Hour)
	insert(t, conn, append(batch(noon, time.Minute, 600, 0), twoChecks(noon, 600)...))
	exec(t, conn, `UPDATE results SET message = format('OK - load average: %s', value), exit_code = 0,
		duration_ms = 10 + host_id, reason = CASE WHEN severity > 1 THEN 'above 5' ELSE '' END,
		perfdata = CASE WHEN value IS NOT NULL THEN jsonb_build_array(jsonb_build_object('label', 'load1', 'value', value)) END`)
	before := snapshot(t, conn)

	if n := count(t, conn, `SELECT count(compress_chunk(c)) FROM show_chunks('results') c`); n != 1 {
		t.Fatalf("compressed %d chunks, want the one day", n)
	}
	if n := count(t, conn, `SELECT count(*) FROM timescaledb_information.chunks
		WHERE hypertable_name = 'results' AND is_compressed`); n != 1 {
		t.Fatalf("%d compressed chunks after compress_chunk, want 1", n)
	}
	var segmentby string
	if err := conn.QueryRow(ctx, `SELECT segmentby FROM timescaledb_information.chunk_columnstore_settings
		WHERE hypertable = 'results'::regclass`).Scan(&segmentby); err != nil || segmentby != "host_id,plugin_id,check_id" {
		t.Errorf("compressed chunk segmented by %q (%v), want host_id,plugin_id,check_id", segmentby, err)
	}
	if after := snapshot(t, conn); after != before {
		t.Errorf("results changed by compression:\nbefore %.300s\nafter  %.300s", before, after)
	}
	// One series of a plugin that has several checks on the host, as the
	// query package asks for it, still finds exactly its rows.
	got := count(t, conn, `SELECT count(*) FROM results WHERE host_id = 9 AND plugin_id = 'com.example.disk' AND check_id = 2
		AND time >= $1 AND time < $2 AND value >= 1000`, noon, noon.Add(11*time.Hour))
	if got != 200 {
		t.Errorf("series (9, disk, 2): %d rows from the compressed chunk, want 200", got)
	}
}

// twoChecks is host 9 running com.example.disk as checks 1 and 2 and as
// pushed results, one after the other every minute, with values far apart
// (check 2's from 1000 up).
func twoChecks(start time.Time, n int) [][]any {
	rows := make([][]any, 0, n)
	for i := range n {
		var check any
		if i%3 > 0 {
			check = int64(i % 3)
		}
		rows = append(rows, []any{start.Add(time.Duration(i) * time.Minute / 3), int64(9), "com.example.disk", check,
			float64(1000*(i%3)) + float64(i)/100, "ok", "ok", int16(1)})
	}
	return rows
}
