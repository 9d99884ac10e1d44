package alert_test

import (
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

// TestServiceScenario: a shop service depends on a router (host 1) and a
// redundancy group of two web servers (hosts 2 and 3). Host changes are
// turned into service transitions the way ingest does it.
func TestServiceScenario(t *testing.T) {
	f := newFixture(t, func(r *alert.Rule) {
		r.Name, r.Scope, r.To = "shop degraded", alert.ScopeAllServices, []state.State{state.Degraded}
	})
	services := map[int64]query.Service{7: {Hosts: []int64{1}, Redundancy: []query.Members{{Hosts: []int64{2, 3}}}}}
	topo := query.Topology{Hosts: map[int64]state.State{1: state.OK, 2: state.OK, 3: state.OK}}
	change := func(hostID int64, to state.State) state.State {
		after := topo.WithHost(hostID, to)
		var trs []alert.Transition
		for _, c := range query.ServiceChanges(topo, after, services) {
			trs = append(trs, alert.Transition{Subject: alert.SubjectService, SubjectID: c.ID, Name: "shop", From: c.From, To: c.To})
		}
		topo = after
		f.handle(trs...)
		f.tick(2 * time.Second)
		return topo.Service(services[7])
	}
	if got := change(2, state.Critical); got != state.Degraded {
		t.Fatalf("one web server critical: service %s, want degraded", got)
	}
	wantKinds(t, f.oncall, alert.KindProblem)
	if tr := f.oncall.Got()[0].Transitions[0]; tr.To != state.Degraded || tr.URL != "https://mon.example.com/services/7" {
		t.Errorf("degraded rule sent %+v", tr)
	}
	if got := change(1, state.Critical); got != state.Critical {
		t.Fatalf("router critical: service %s, want critical", got)
	}
	wantKinds(t, f.oncall, alert.KindProblem) // the rule asks only about degraded
	if got := change(1, state.OK); got != state.Degraded {
		t.Fatalf("router back: service %s, want degraded", got)
	}
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindProblem) // degraded again
	if got := change(2, state.OK); got != state.OK {
		t.Fatalf("all back: service %s", got)
	}
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindProblem, alert.KindRecovery)
}
