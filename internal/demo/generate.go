package demo

import (
	"math/rand/v2"
	"time"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// generate walks the range step by step, deriving state changes, host and
// service health changes and the final current state the way ingest would.
func generate(opt Options, ids estateIDs) history {
	rng := rand.New(rand.NewPCG(opt.Seed, 0))
	end := opt.Now
	start := end.Add(-time.Duration(opt.Days) * 24 * time.Hour)
	n := int(end.Sub(start) / opt.Step)
	var h history
	series := map[storage.Series]*storage.CurrentState{}
	hostState := map[string]state.State{}
	svcState := map[string]state.State{}
	for i := range n {
		t := start.Add(time.Duration(i) * opt.Step)
		for _, host := range estate {
			worst := state.NoData
			for _, p := range host.plugins {
				v, msg := value(rng, host.name, p, t, i, n)
				if in, ok := during(host.name, p, t, end); ok {
					v, msg = in.value, in.message
				}
				cls := classify(p, v)
				key := storage.Series{HostID: ids.hosts[host.name], PluginID: p, CheckID: ids.checks[p]}
				r := storage.Result{Time: t, HostID: key.HostID, PluginID: p, CheckID: key.CheckID, Message: msg, Status: "ok", Classification: cls}
				if p != "demo.link" {
					r.Value = &v
				}
				h.results = append(h.results, r)
				h.record(series, key, r)
				worst = state.Worst(worst, cls)
			}
			h.hostChange(t, ids.hosts[host.name], hostState, host.name, worst)
		}
		h.serviceChanges(t, ids, hostState, svcState)
	}
	for _, cs := range series {
		h.current = append(h.current, *cs)
	}
	return h
}

// record updates a series' current state, logging a change of class.
func (h *history) record(series map[storage.Series]*storage.CurrentState, key storage.Series, r storage.Result) {
	cs, ok := series[key]
	from := state.NoData
	if ok {
		from = cs.Classification
	} else {
		cs = &storage.CurrentState{Series: key, Since: r.Time}
		series[key] = cs
	}
	if from != r.Classification {
		h.changes = append(h.changes, storage.StateChange{Series: key, Time: r.Time, From: from, To: r.Classification, Value: r.Value, Message: r.Message})
		cs.Since = r.Time
	}
	cs.Time, cs.Value, cs.Message, cs.Status, cs.Classification = r.Time, r.Value, r.Message, r.Status, r.Classification
}

func (h *history) hostChange(t time.Time, id int64, states map[string]state.State, name string, s state.State) {
	before, ok := states[name]
	if !ok {
		before = state.NoData
	}
	if before != s {
		h.health = append(h.health, storage.HealthChange{Time: t, HostID: id, From: before, To: s})
	}
	states[name] = s
}

// serviceChanges computes the two services from their hosts with the
// same rules as the core: the web tier is a redundancy group.
func (h *history) serviceChanges(t time.Time, ids estateIDs, hosts, svcs map[string]state.State) {
	web := query.RedundancyHealth(hosts["web-1"], hosts["web-2"], hosts["web-3"])
	now := map[string]state.State{
		"shop":  query.ServiceHealth(web, hosts["db-1"], hosts["router-1"]),
		"files": query.ServiceHealth(hosts["files-1"]),
	}
	for _, name := range []string{"shop", "files"} {
		before, ok := svcs[name]
		if !ok {
			before = state.NoData
		}
		if before != now[name] {
			h.health = append(h.health, storage.HealthChange{Time: t, ServiceID: ids.services[name], From: before, To: now[name]})
		}
		svcs[name] = now[name]
	}
}
