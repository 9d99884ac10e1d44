package dryrun_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/bootstrap"
	"github.com/prophasis/prophasis/internal/dryrun"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

// BenchmarkBacktest replays a day of one-minute results (1,440) through
// the stock CPU classifier, which reads history; reported per result.
func BenchmarkBacktest(b *testing.B) {
	ctx, db := context.Background(), pgtest.Plain(b)
	if err := bootstrap.Install(ctx, db, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		b.Fatal(err)
	}
	host, err := storage.CreateHost(ctx, db, storage.Host{Name: "busy", Address: "busy.example", Port: 4048, Enabled: true})
	if err != nil {
		b.Fatal(err)
	}
	const n = 1440
	now := time.Now().Truncate(time.Minute)
	_, err = db.Exec(ctx, `INSERT INTO results (time, host_id, plugin_id, value, status, classification, severity)
		SELECT $1::timestamptz - i * interval '1 minute', $2, 'com.prophasis.cpu_load', 40 + 50 * sin(i / 60.0), 'ok', 'ok', 1
		FROM generate_series(0, $3 - 1) i`, now, host, n)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		rep, err := dryrun.Test(ctx, db, dryrun.Options{PluginID: "com.prophasis.cpu_load", Window: 24 * time.Hour}, now)
		if err != nil || rep.Summary.Results != n {
			b.Fatalf("%d results, err %v", rep.Summary.Results, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/result")
}
