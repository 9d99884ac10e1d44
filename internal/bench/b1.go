package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/storage"
)

// b1Series is how many hosts and plugins B1 spreads its rows over
// (10 × 10 = 100 series, as in ingest's Go benchmark).
const b1Series = 10

// runB1 writes the same kind of rows through ingest.Writer (COPY, current
// state, state changes, host health, one transaction per batch) and as a
// plain COPY in a transaction per batch, alternating rounds so both see the
// same table size and machine load, and reports the ratio of rows/s.
func runB1(ctx context.Context, env *Env) ([]Row, error) {
	hosts, plugins, err := b1Fixture(ctx, env)
	if err != nil {
		return nil, err
	}
	g := &b1Gen{hosts: hosts, plugins: plugins, at: time.Now().UTC().Add(-24 * time.Hour)}
	var rows []Row
	for _, size := range []int{100, 1000} {
		rounds := max(1, env.Sizes.Batches/10)
		per := max(1, env.Sizes.Batches/rounds)
		env.Progress.Start(fmt.Sprintf("b1 batch=%d", size), 2*rounds*per)
		var viaIngest, viaCopy time.Duration
		for range rounds {
			d, err := b1Ingest(ctx, env, g, size, per)
			if err != nil {
				return nil, err
			}
			viaIngest += d
			if d, err = b1Copy(ctx, env, g, size, per); err != nil {
				return nil, err
			}
			viaCopy += d
		}
		env.Progress.Done()
		n := float64(size * per * rounds)
		ri, rc := n/viaIngest.Seconds(), n/viaCopy.Seconds()
		target := 0.8
		if size < 1000 {
			target = 0.5
		}
		rows = append(rows,
			info("b1", fmt.Sprintf("batch %d: ingest path", size), "%.0f results/s", ri),
			info("b1", fmt.Sprintf("batch %d: plain COPY", size), "%.0f results/s", rc),
			ratioRow("b1", fmt.Sprintf("batch %d: ingest / COPY", size), ri/rc, target))
	}
	return rows, nil
}

// b1Ingest submits batches×size results to a fresh writer whose batch size
// is size and returns how long until Close had written them all.
func b1Ingest(ctx context.Context, env *Env, g *b1Gen, size, batches int) (time.Duration, error) {
	w := ingest.NewWriter(ingest.Config{BatchSize: size, FlushEvery: time.Hour, MaxBuffered: size * (batches + 1)},
		env.DB, nil, nil, env.Logger)
	items := make([][]ingest.Result, batches)
	for i := range items {
		items[i] = g.results(size)
	}
	errc := make(chan error, 1)
	start := time.Now()
	go func() { errc <- w.Run(ctx) }()
	for _, batch := range items {
		for _, r := range batch {
			if err := w.Submit(ctx, r); err != nil {
				return 0, fmt.Errorf("bench: b1 submit: %w", err)
			}
		}
		env.Progress.Step(1)
	}
	if err := w.Close(ctx); err != nil {
		return 0, fmt.Errorf("bench: b1 close: %w", err)
	}
	if err := <-errc; err != nil {
		return 0, fmt.Errorf("bench: b1 writer: %w", err)
	}
	d := time.Since(start)
	if s := w.Stats(); s.Written != int64(size*batches) {
		return 0, fmt.Errorf("bench: b1 ingest wrote %d of %d results (%+v)", s.Written, size*batches, s)
	}
	return d, nil
}

// b1Copy writes batches×size rows with storage.CopyResults, one
// transaction per batch, as the baseline.
func b1Copy(ctx context.Context, env *Env, g *b1Gen, size, batches int) (time.Duration, error) {
	rows := make([][]storage.Result, batches)
	for i := range rows {
		rows[i] = storageRows(g.results(size))
	}
	start := time.Now()
	for _, batch := range rows {
		err := pgx.BeginFunc(ctx, env.DB, func(tx pgx.Tx) error {
			_, err := storage.CopyResults(ctx, tx, batch)
			return err
		})
		if err != nil {
			return 0, fmt.Errorf("bench: b1 copy: %w", err)
		}
		env.Progress.Step(1)
	}
	return time.Since(start), nil
}
