package schema_test

import (
	"context"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/schema"
)

// BenchmarkCopyResults measures COPY of 1,000-row batches into results,
// the ingest write path: plain mode with its rollup trigger, the same
// without the trigger (the cost of rollups), and timescale mode.
func BenchmarkCopyResults(b *testing.B) {
	for _, bc := range []struct {
		name    string
		mode    schema.Mode
		trigger bool
	}{{"plain", schema.ModePlain, true}, {"plain-no-rollups", schema.ModePlain, false}, {"timescale", schema.ModeTimescale, true}} {
		b.Run(bc.name, func(b *testing.B) {
			conn := migrated(b, bc.mode)
			seedConfig(b, conn)
			if !bc.trigger {
				exec(b, conn, `ALTER TABLE results DISABLE TRIGGER results_rollup`)
			}
			start := time.Now().Add(-24 * time.Hour)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if _, err := conn.CopyFrom(context.Background(), resultsTable, resultColumns,
					rowsSource(batch(start.Add(time.Duration(i)*time.Second), time.Millisecond, 1000, i))); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
