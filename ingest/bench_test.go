package ingest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// benchDB returns a database of the given mode with 10 hosts and 10
// plugins: 100 series.
func benchDB(b testing.TB, mode string) (*pgxpool.Pool, []int64) {
	db := pgtest.Plain(b)
	if mode == "timescale" {
		db = pgtest.Timescale(b)
	}
	var hosts []int64
	for i := range 10 {
		hosts = append(hosts, fixture(b, db, fmt.Sprintf("bench%d", i)))
	}
	for i := range 10 {
		if _, err := db.Exec(context.Background(), `INSERT INTO plugins (id, name) VALUES ($1, 'p')`, fmt.Sprintf("bench.p%d", i)); err != nil {
			b.Fatal(err)
		}
	}
	return db, hosts
}

// benchBatch is batch n of size results over the 100 series, times after
// every earlier batch's, one result in 50 changing classification: one in
// 100 is minor, and the minor series moves on every 100 results.
func benchBatch(hosts []int64, n, size int) []item {
	out := make([]item, size)
	for i := range out {
		v := float64(i)
		st := state.OK
		if k := n*size + i; k%100 == (k/100)%100 {
			st = state.Minor
		}
		r := result(hosts[i%10], fmt.Sprintf("bench.p%d", (i/10)%10), t0.Add(time.Duration(n*size+i)*time.Millisecond), v, st)
		out[i], _ = newItem(r)
	}
	return out
}

// BenchmarkIngest (B1) compares one batch through the ingest transaction
// (COPY, current state, state changes, host health) with a plain COPY of
// the same rows in a transaction, per batch size and storage mode. The
// writer's state flush runs between batches when due, as in Run.
func BenchmarkIngest(b *testing.B) {
	for _, mode := range []string{"plain", "timescale"} {
		for _, size := range []int{100, 1000} {
			b.Run(fmt.Sprintf("%s/batch=%d/path=ingest", mode, size), func(b *testing.B) {
				db, hosts := benchDB(b, mode)
				w := NewWriter(Config{}, db, nil, nil, discard())
				n := 0
				for b.Loop() {
					if _, err := w.store(context.Background(), benchBatch(hosts, n, size)); err != nil {
						b.Fatal(err)
					}
					w.flushStatesIfDue(context.Background())
					n++
				}
				b.ReportMetric(float64(size*b.N)/b.Elapsed().Seconds(), "results/s")
			})
			b.Run(fmt.Sprintf("%s/batch=%d/path=copy", mode, size), func(b *testing.B) {
				db, hosts := benchDB(b, mode)
				n := 0
				for b.Loop() {
					batch := benchBatch(hosts, n, size)
					rows := make([]storage.Result, len(batch))
					for i := range batch {
						rows[i] = batch[i].row
					}
					err := pgx.BeginFunc(context.Background(), db, func(tx pgx.Tx) error {
						_, err := storage.CopyResults(context.Background(), tx, rows)
						return err
					})
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				b.ReportMetric(float64(size*b.N)/b.Elapsed().Seconds(), "results/s")
			})
		}
	}
}

// BenchmarkClassifyHistory (B3, database part) compares a pooled Lua
// classifier asking history.avg("1h") of PostgreSQL (two hours of one
// result a minute stored) with the same rule on the new value alone.
func BenchmarkClassifyHistory(b *testing.B) {
	db, hosts := benchDB(b, "plain")
	var rows []storage.Result
	for i := range 120 {
		v := float64(i)
		rows = append(rows, storage.Result{Time: t0.Add(time.Duration(i) * time.Minute), HostID: hosts[0], PluginID: "bench.p0",
			Value: &v, Status: "ok", Classification: state.OK})
	}
	if _, err := storage.CopyResults(context.Background(), db, rows); err != nil {
		b.Fatal(err)
	}
	v := 99.0
	in := classify.Input{Host: classify.Host{ID: hosts[0], Name: "bench0"}, PluginID: "bench.p0",
		Result: classify.Result{Time: t0.Add(2 * time.Hour), Value: &v, Status: "ok"}}
	cases := []struct {
		name, code string
		hist       classify.History
	}{
		{"lua-history-avg-1h-db", `if history.avg("1h") > 50 then return "major" end return "ok"`, query.NewHistory(db, query.HistoryConfig{})},
		{"lua-value-only", `if result.value > 50 then return "major" end return "ok"`, nil},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			engine, err := classify.New(classify.Config{Timeout: 2 * time.Second}, tc.hist, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			cls := classify.Classifier{ID: tc.name, Code: tc.code}
			_, _ = engine.Classify(context.Background(), cls, in) // connect and compile outside the loop
			for b.Loop() {
				out, err := engine.Classify(context.Background(), cls, in)
				if err != nil || out.State != state.Major {
					b.Fatalf("%+v %v", out, err)
				}
			}
		})
	}
}
