package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

// b1Gen makes results over the fixture's series, each later than the
// last: one result in 100 is minor, and the minor series moves on every
// move×100 results, so one series recovers and another goes minor — one
// result in 50×move changes classification. (A fixed minor slot would
// change nothing after the first batch.)
type b1Gen struct {
	hosts   []int64
	plugins []string
	move    int
	at      time.Time
	n       int
}

func (g *b1Gen) results(size int) []ingest.Result {
	out := make([]ingest.Result, size)
	for i := range out {
		v := float64(g.n % 97)
		st := state.OK
		if g.n%100 == (g.n/100/g.move)%100 {
			st = state.Minor
		}
		g.at = g.at.Add(time.Millisecond)
		h := g.hosts[i%len(g.hosts)]
		out[i] = ingest.Result{State: st, Result: sched.Result{
			Job:  sched.Job{HostID: h, HostName: fmt.Sprint("bench", h), PluginID: g.plugins[(i/len(g.hosts))%len(g.plugins)]},
			Time: g.at, Status: sched.StatusOK, Value: &v, Message: "load average fine", ExitCode: 0}}
		g.n++
	}
	return out
}

// storageRows are the rows ingest would store for rs.
func storageRows(rs []ingest.Result) []storage.Result {
	out := make([]storage.Result, len(rs))
	for i, r := range rs {
		out[i] = storage.Result{Time: r.Time, HostID: r.Job.HostID, PluginID: r.Job.PluginID, Value: r.Value,
			Message: r.Message, Status: string(r.Status), Classification: r.State}
	}
	return out
}

// b1Fixture creates the hosts and plugins B1 writes results for.
func b1Fixture(ctx context.Context, env *Env) ([]int64, []string, error) {
	var hosts []int64
	var plugins []string
	for i := range b1Series {
		id, err := storage.CreateHost(ctx, env.DB, storage.Host{Name: fmt.Sprint("b1-host", i), Address: "127.0.0.1", Port: 4048, Enabled: true})
		if err != nil {
			return nil, nil, fmt.Errorf("bench: b1 host: %w", err)
		}
		hosts = append(hosts, id)
		p := fmt.Sprint("bench.b1.p", i)
		if _, err := env.DB.Exec(ctx, `INSERT INTO plugins (id, name) VALUES ($1, $1)`, p); err != nil {
			return nil, nil, fmt.Errorf("bench: b1 plugin: %w", err)
		}
		plugins = append(plugins, p)
	}
	return hosts, plugins, nil
}
