package alert

import (
	"testing"

	"github.com/prophasis/prophasis/internal/state"
)

func TestRuleWatches(t *testing.T) {
	groups := func(host int64) []int64 {
		if host == 1 {
			return []int64{10}
		}
		return nil
	}
	host := func(id int64) Transition { return Transition{Subject: SubjectHost, SubjectID: id} }
	svc := func(id int64) Transition { return Transition{Subject: SubjectService, SubjectID: id} }
	tests := []struct {
		name string
		rule Rule
		tr   Transition
		want bool
	}{
		{"all hosts: host", Rule{Scope: ScopeAllHosts}, host(3), true},
		{"all hosts never a service (original bug)", Rule{Scope: ScopeAllHosts}, svc(3), false},
		{"all services: service", Rule{Scope: ScopeAllServices}, svc(3), true},
		{"all services never a host (original bug)", Rule{Scope: ScopeAllServices}, host(3), false},
		{"listed host", Rule{Scope: ScopeHosts, Subjects: []int64{3}}, host(3), true},
		{"unlisted host", Rule{Scope: ScopeHosts, Subjects: []int64{3}}, host(4), false},
		{"service with a listed host's id", Rule{Scope: ScopeHosts, Subjects: []int64{3}}, svc(3), false},
		{"listed service", Rule{Scope: ScopeServices, Subjects: []int64{3}}, svc(3), true},
		{"host rule id on service scope", Rule{Scope: ScopeServices, Subjects: []int64{3}}, host(3), false},
		{"host in listed group", Rule{Scope: ScopeHostGroups, Subjects: []int64{10}}, host(1), true},
		{"host outside group", Rule{Scope: ScopeHostGroups, Subjects: []int64{10}}, host(2), false},
		{"group transitions are not alerted", Rule{Scope: ScopeHostGroups, Subjects: []int64{10}}, Transition{Subject: SubjectHostGroup, SubjectID: 10}, false},
		{"disabled rule", Rule{Scope: ScopeAllHosts, Disabled: true}, host(3), false},
		{"unknown scope", Rule{Scope: "bogus"}, host(1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rule.Watches(tt.tr, groups); got != tt.want {
				t.Errorf("Watches = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRuleMatches(t *testing.T) {
	tr := Transition{From: state.OK, To: state.Critical, Plugin: "cpu", CheckID: 4}
	tests := []struct {
		name string
		rule Rule
		want bool
	}{
		{"no conditions", Rule{}, true},
		{"to matches", Rule{To: []state.State{state.Major, state.Critical}}, true},
		{"to differs", Rule{To: []state.State{state.Degraded}}, false},
		{"from matches", Rule{From: []state.State{state.OK}}, true},
		{"from differs", Rule{From: []state.State{state.Minor}}, false},
		{"plugin allowed", Rule{Plugins: []string{"cpu", "disk"}}, true},
		{"plugin restricted away", Rule{Plugins: []string{"disk"}}, false},
		{"check allowed", Rule{Checks: []int64{4}}, true},
		{"check restricted away", Rule{Checks: []int64{5}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rule.Matches(tr); got != tt.want {
				t.Errorf("Matches = %v, want %v", got, tt.want)
			}
		})
	}
}
