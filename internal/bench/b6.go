package bench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// b6Set is one data set B6 stores and compresses: a name for its rows
// and a generator of the results of series i (0..99) at step k.
type b6Set struct {
	prefix string
	make   func(hosts []int64) func(i, k int, at time.Time) storage.Result
}

// runB6 stores Results results of 100 series spread evenly over Days
// days (the defaults give one result per series per minute, the design
// load) twice — realistic plugin output, then the hard case of a distinct
// message per row — and compares hypertable_size before and after
// compress_chunk of every chunk, with where the compressed bytes go.
func runB6(ctx context.Context, env *Env) ([]Row, error) {
	sz := env.Sizes
	steps := max(sz.Results/100, 1)
	step := time.Duration(sz.Days) * 24 * time.Hour / time.Duration(steps)
	rows := []Row{info("b6", "results stored", "%d per data set: 100 series × %d days, one result per series every %s",
		steps*100, sz.Days, step)}
	// TimescaleDB's own compression (and retention) jobs would compress
	// chunks older than 7 days while B6 fills and measures them.
	if _, err := env.DB.Exec(ctx, `SELECT alter_job(job_id, scheduled => false)
		FROM timescaledb_information.jobs WHERE hypertable_name = 'results'`); err != nil {
		return nil, fmt.Errorf("bench: b6 pause policies: %w", err)
	}
	hosts := make([]int64, 10)
	for h := range hosts {
		hosts[h] = int64(h + 1) // results have no foreign keys: no hosts rows needed
	}
	for _, set := range []b6Set{{"", b6Realistic}, {"distinct messages: ", b6Distinct}} {
		if _, err := env.DB.Exec(ctx, `TRUNCATE results`); err != nil {
			return nil, fmt.Errorf("bench: b6 truncate: %w", err)
		}
		if err := b6Fill(ctx, env, set.make(hosts), steps, step); err != nil {
			return nil, err
		}
		m, err := b6Compress(ctx, env)
		if err != nil {
			return nil, err
		}
		rows = append(rows, m.rows(set.prefix, float64(steps*100))...)
	}
	return rows, nil
}

// b6Fill copies steps results of each of the 100 series, in time order
// across series as ingest writes them, in batches of 10,000.
func b6Fill(ctx context.Context, env *Env, gen func(i, k int, at time.Time) storage.Result, steps int, step time.Duration) error {
	end := time.Now().UTC().Truncate(time.Hour)
	start := end.Add(-step * time.Duration(steps))
	env.Progress.Start("b6 fill", steps*100)
	defer env.Progress.Done()
	batch := make([]storage.Result, 0, 10_000)
	for k := range steps {
		for i := range 100 {
			batch = append(batch, gen(i, k, start.Add(time.Duration(k)*step)))
			if len(batch) == cap(batch) || (k == steps-1 && i == 99) {
				if _, err := storage.CopyResults(ctx, env.DB, batch); err != nil {
					return fmt.Errorf("bench: b6 fill: %w", err)
				}
				env.Progress.Step(len(batch))
				batch = batch[:0]
			}
		}
	}
	return nil
}

// b6Realistic runs the ten simulated checks of b6Checks on each of the 10
// hosts, started a few milliseconds after their grid instant as the
// scheduler starts them.
func b6Realistic(hosts []int64) func(i, k int, at time.Time) storage.Result {
	var series []*b6Series
	for h := range hosts {
		series = append(series, newB6Series(h, hosts)...)
	}
	jitter := rand.New(rand.NewPCG(6, 6))
	return func(i, _ int, at time.Time) storage.Result {
		s := series[i]
		o, cl, reason := s.next()
		r := storage.Result{Time: at.Add(time.Duration(jitter.IntN(20_000)) * time.Microsecond), HostID: s.host,
			PluginID: s.plugin, CheckID: s.check, Value: o.value, Message: o.message, Status: "ok",
			ExitCode: &o.exitCode, DurationMS: &o.duration, Perfdata: o.perfdata, Classification: cl, Reason: reason}
		if cl == state.Unknown {
			r.Status, r.ExitCode = "timeout", nil
		}
		return r
	}
}

// b6Distinct is the hard case kept from the first version of B6: a slow
// wave plus noise with two decimals and a distinct message per value
// ("value 42.17"), nothing else set.
func b6Distinct(hosts []int64) func(i, k int, at time.Time) storage.Result {
	return func(i, k int, at time.Time) storage.Result {
		n := k*100 + i // the row number the first version drew its noise from
		v := math.Round((50+30*math.Sin(float64(k)/500+float64(i))+float64((n*7919)%13))*100) / 100
		st := state.OK
		if v > 85 {
			st = state.Minor
		}
		return storage.Result{Time: at, HostID: hosts[i%10], PluginID: fmt.Sprint("bench.b6.p", i/10),
			Value: &v, Message: fmt.Sprintf("value %.2f", v), Status: "ok", Classification: st}
	}
}
