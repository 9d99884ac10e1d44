package bench

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// runB6 stores Results results spread evenly over Days days (1-day
// chunks) for 100 series, then compresses every chunk with compress_chunk
// and compares hypertable_size (table, indexes, TOAST) before and after.
func runB6(ctx context.Context, env *Env) ([]Row, error) {
	sz := env.Sizes
	hosts, plugins, err := b1Fixture(ctx, env)
	if err != nil {
		return nil, err
	}
	if err := b6Fill(ctx, env, hosts, plugins); err != nil {
		return nil, err
	}
	if _, err := env.DB.Exec(ctx, `ANALYZE results`); err != nil {
		return nil, fmt.Errorf("bench: b6 analyze: %w", err)
	}
	before, err := hypertableSize(ctx, env)
	if err != nil {
		return nil, err
	}
	var chunks int
	if err := env.DB.QueryRow(ctx, `SELECT count(compress_chunk(c, true)) FROM show_chunks('results') c`).Scan(&chunks); err != nil {
		return nil, fmt.Errorf("bench: b6 compress: %w", err)
	}
	after, err := hypertableSize(ctx, env)
	if err != nil {
		return nil, err
	}
	n := float64(sz.Results)
	ratio := float64(after) / float64(before)
	return []Row{
		info("b6", "results stored", "%d over %d days (%d chunks), 100 series", sz.Results, sz.Days, chunks),
		info("b6", "bytes/result uncompressed", "%.1f (hypertable_size %d)", float64(before)/n, before),
		info("b6", "bytes/result compressed", "%.1f (hypertable_size %d)", float64(after)/n, after),
		atMostRow("b6", "compressed / uncompressed", fmt.Sprintf("%.3f", ratio), ratio, 0.10, "0.10"),
	}, nil
}

// b6Fill copies the results in batches of 10,000: values of a slow wave
// with noise (two decimals, as metrics usually are), one message per
// value, classification from the value.
func b6Fill(ctx context.Context, env *Env, hosts []int64, plugins []string) error {
	sz := env.Sizes
	end := time.Now().UTC().Truncate(time.Hour)
	step := time.Duration(sz.Days) * 24 * time.Hour / time.Duration(max(sz.Results/100, 1))
	start := end.Add(-time.Duration(sz.Days) * 24 * time.Hour)
	env.Progress.Start("b6 fill", sz.Results)
	defer env.Progress.Done()
	batch := make([]storage.Result, 0, 10_000)
	for i := range sz.Results {
		k := i / 100
		h, p := hosts[i%10], plugins[(i/10)%10]
		v := math.Round((50+30*math.Sin(float64(k)/500+float64(i%100))+float64((i*7919)%13))*100) / 100
		st := state.OK
		if v > 85 {
			st = state.Minor
		}
		batch = append(batch, storage.Result{Time: start.Add(time.Duration(k) * step), HostID: h, PluginID: p,
			Value: &v, Message: fmt.Sprintf("value %.2f", v), Status: "ok", Classification: st})
		if len(batch) == cap(batch) || i == sz.Results-1 {
			if _, err := storage.CopyResults(ctx, env.DB, batch); err != nil {
				return fmt.Errorf("bench: b6 fill: %w", err)
			}
			env.Progress.Step(len(batch))
			batch = batch[:0]
		}
	}
	return nil
}

func hypertableSize(ctx context.Context, env *Env) (int64, error) {
	var n int64
	if err := env.DB.QueryRow(ctx, `SELECT hypertable_size('results')`).Scan(&n); err != nil {
		return 0, fmt.Errorf("bench: b6 size: %w", err)
	}
	return n, nil
}
