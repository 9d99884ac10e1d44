package query

import (
	"slices"
	"testing"

	"github.com/prophasis/prophasis/internal/state"
)

// Hosts: 1 ok, 2 critical, 3 ok, 4 no data, 5 major, 6 ok.
// Groups: 10 = {1, 2}; 11 = {3, group 12}; 12 = {6, group 11} (a cycle);
// 13 = {1, group 10} (host 1 twice); 14 = {4}.
func sampleTopology() Topology {
	return Topology{
		Hosts: map[int64]state.State{1: ok, 2: crit, 3: ok, 4: nd, 5: maj, 6: ok},
		Groups: map[int64]Members{
			10: {Hosts: []int64{1, 2}},
			11: {Hosts: []int64{3}, Groups: []int64{12}},
			12: {Hosts: []int64{6}, Groups: []int64{11}},
			13: {Hosts: []int64{1}, Groups: []int64{10}},
			14: {Hosts: []int64{4}},
		},
	}
}

func TestGroupHosts(t *testing.T) {
	topo := sampleTopology()
	tests := []struct {
		name  string
		group int64
		want  []int64
	}{
		{"flat", 10, []int64{1, 2}},
		{"cycle terminates", 11, []int64{3, 6}},
		{"host reached twice counted once", 13, []int64{1, 2}},
		{"unknown group is empty", 99, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := topo.GroupHosts(tt.group); !slices.Equal(got, tt.want) {
				t.Errorf("GroupHosts(%d) = %v, want %v", tt.group, got, tt.want)
			}
		})
	}
}

func TestServiceHealth(t *testing.T) {
	topo := sampleTopology()
	tests := []struct {
		name string
		svc  Service
		want state.State
	}{
		{"original: one host dependency major", Service{Hosts: []int64{5}}, maj},
		{"original: major host and all-ok redundancy", Service{Hosts: []int64{5}, Redundancy: []Members{{Hosts: []int64{1, 3}}}}, maj},
		{"original: ok ok critical redundancy", Service{Redundancy: []Members{{Hosts: []int64{1, 3, 2}}}}, deg},
		{"original: group dependency with ok and critical", Service{Groups: []int64{10}}, crit},
		{"original: same group as redundancy component", Service{Redundancy: []Members{{Groups: []int64{10}}}}, deg},
		{"original: ok ok no data redundancy", Service{Redundancy: []Members{{Hosts: []int64{1, 3, 4}}}}, ok},
		{"nested cyclic group dependency", Service{Groups: []int64{11}}, ok},
		{"no-data group in redundancy does not decide", Service{Redundancy: []Members{{Hosts: []int64{2}, Groups: []int64{14}}}}, crit},
		{"unknown host is no data", Service{Hosts: []int64{404}}, nd},
		{"no dependencies is no data", Service{}, nd},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := topo.Service(tt.svc); got != tt.want {
				t.Errorf("Service(%+v) = %s, want %s", tt.svc, got, tt.want)
			}
		})
	}
}

// TestRedundancyMemberOrder proves the result of a stored redundancy group
// does not depend on the order its members were listed in.
func TestRedundancyMemberOrder(t *testing.T) {
	topo := sampleTopology()
	orders := [][]int64{{1, 2, 4}, {4, 2, 1}, {2, 4, 1}, {4, 1, 2}}
	for _, hosts := range orders {
		if got := topo.Redundancy(Members{Hosts: hosts}); got != deg {
			t.Errorf("Redundancy(%v) = %s, want degraded", hosts, got)
		}
	}
}

func TestServiceChanges(t *testing.T) {
	// Service 1: router 1 plus a redundancy group of web servers 2 and 3.
	services := map[int64]Service{1: {Hosts: []int64{1}, Redundancy: []Members{{Hosts: []int64{2, 3}}}}}
	before := Topology{Hosts: map[int64]state.State{1: ok, 2: ok, 3: ok}}
	steps := []struct {
		name string
		host int64
		to   state.State
		want []Change
	}{
		{"one web server critical degrades", 2, crit, []Change{{1, ok, deg}}},
		{"router critical makes it critical", 1, crit, []Change{{1, deg, crit}}},
		{"other web server major: still critical", 3, maj, nil},
		{"router back: best web server is major", 1, ok, []Change{{1, crit, maj}}},
		{"web server back to ok: degraded", 2, ok, []Change{{1, maj, deg}}},
		{"all ok", 3, ok, []Change{{1, deg, ok}}},
	}
	for _, s := range steps {
		after := before.WithHost(s.host, s.to)
		got := ServiceChanges(before, after, services)
		if !slices.Equal(got, s.want) {
			t.Errorf("%s: changes = %v, want %v", s.name, got, s.want)
		}
		before = after
	}
}

func TestGroupChangesSince(t *testing.T) {
	h := Health{Topology: sampleTopology()}
	h.Index()
	before := map[int64]state.State{2: h.Host(2)}
	h.Topology = h.WithHost(2, ok) // host 2 (in groups 10 and 13) recovers
	got := h.GroupChangesSince(before)
	want := []Change{{10, crit, ok}, {13, crit, ok}}
	if !slices.Equal(got, want) {
		t.Errorf("GroupChangesSince = %v, want %v", got, want)
	}
	if got := h.ServiceChangesSince(before); len(got) != 0 {
		t.Errorf("no services, yet changes %v", got)
	}
}
