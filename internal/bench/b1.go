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

// b1Scenarios are how often B1's results change classification: one in
// 50 (a flapping estate, where every batch of 100 has changes and takes
// the change path) and one in 1,000 (still a busy one: a series at one
// result a minute changing every 17 hours).
var b1Scenarios = []struct {
	name string
	move int // see b1Gen
}{
	{"1 in 50 changing", 1},
	{"1 in 1,000 changing", 20},
}

// runB1 writes the same kind of rows through ingest.Writer (COPY, current
// state, state changes, host health, one transaction per batch) and as a
// plain COPY in a transaction per batch, alternating rounds so both see the
// same table size and machine load, and reports the ratio of rows/s.
func runB1(ctx context.Context, env *Env) ([]Row, error) {
	hosts, plugins, err := b1Fixture(ctx, env)
	if err != nil {
		return nil, err
	}
	at := time.Now().UTC().Add(-24 * time.Hour)
	var rows []Row
	for _, sc := range b1Scenarios {
		for _, size := range []int{100, 1000} {
			g := &b1Gen{hosts: hosts, plugins: plugins, move: sc.move, at: at}
			ri, rc, err := b1Measure(ctx, env, g, size, fmt.Sprintf("b1 %s batch=%d", sc.name, size))
			if err != nil {
				return nil, err
			}
			at = g.at
			target := 0.8
			if size < 1000 {
				target = 0.5
			}
			metric := fmt.Sprintf("batch %d, %s", size, sc.name)
			rows = append(rows,
				info("b1", metric+": ingest path", "%.0f results/s", ri),
				info("b1", metric+": plain COPY", "%.0f results/s", rc),
				ratioRow("b1", metric+": ingest / COPY", ri/rc, target))
		}
	}
	return rows, nil
}

// b1Measure alternates rounds of 10 batches through each path and returns
// their results/s. One writer serves every ingest round, as one serves a
// running server: its cache of current state is cold only in the first
// round, and the state flushes it makes (every second, and at Close, timed
// with the last round) are counted.
func b1Measure(ctx context.Context, env *Env, g *b1Gen, size int, progress string) (viaIngest, viaCopy float64, err error) {
	rounds := max(1, env.Sizes.Batches/10)
	per := max(1, env.Sizes.Batches/rounds)
	env.Progress.Start(progress, 2*rounds*per)
	defer env.Progress.Done()
	w := ingest.NewWriter(ingest.Config{BatchSize: size, FlushEvery: time.Hour, MaxBuffered: size * (per + 1)},
		env.DB, nil, nil, env.Logger)
	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()
	defer func() {
		if w != nil { // an earlier failure: stop the writer, keep that error
			_ = w.Close(ctx)
			<-errc
		}
	}()
	var ingestTime, copyTime time.Duration
	for round := range rounds {
		// Made before the clock starts, as b1Copy's rows are: generating
		// results is not part of either path.
		items := make([][]ingest.Result, per)
		for i := range items {
			items[i] = g.results(size)
		}
		start := time.Now()
		if err := b1Ingest(ctx, env, w, items); err != nil {
			return 0, 0, err
		}
		if round == rounds-1 {
			err := w.Close(ctx)
			if werr := <-errc; err == nil {
				err = werr
			}
			w = nil
			if err != nil {
				return 0, 0, fmt.Errorf("bench: b1 writer: %w", err)
			}
		}
		ingestTime += time.Since(start)
		d, err := b1Copy(ctx, env, g, size, per)
		if err != nil {
			return 0, 0, err
		}
		copyTime += d
	}
	n := float64(size * per * rounds)
	return n / ingestTime.Seconds(), n / copyTime.Seconds(), nil
}

// b1Ingest submits the batches to w, whose batch size is theirs, and
// returns once it has written them all.
func b1Ingest(ctx context.Context, env *Env, w *ingest.Writer, items [][]ingest.Result) error {
	want := w.Stats().Written
	for _, batch := range items {
		want += int64(len(batch))
	}
	for _, batch := range items {
		for _, r := range batch {
			if err := w.Submit(ctx, r); err != nil {
				return fmt.Errorf("bench: b1 submit: %w", err)
			}
		}
		env.Progress.Step(1)
	}
	for {
		s := w.Stats()
		switch {
		case s.Written == want:
			return nil
		case s.Rejected > 0 || s.Dropped > 0 || s.Retries > 0:
			return fmt.Errorf("bench: b1 ingest did not write everything: %+v", s)
		case ctx.Err() != nil:
			return ctx.Err()
		}
		time.Sleep(500 * time.Microsecond)
	}
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
