package query

import (
	"slices"

	"github.com/prophasis/prophasis/internal/state"
)

// Members are the direct members of a host group: hosts and nested groups.
type Members struct {
	Hosts  []int64
	Groups []int64
}

// Service is a service's structure: hosts and host groups it depends on
// directly, and redundancy groups of which one member must be up.
type Service struct {
	Hosts      []int64
	Groups     []int64
	Redundancy []Members
}

// Topology is a snapshot of host health and group membership, loaded once
// so that group and service health need no query per member per page.
type Topology struct {
	Hosts  map[int64]state.State
	Groups map[int64]Members
	flat   map[int64][]int64     // GroupHosts memo, filled by Index
	over   map[int64]state.State // host states overriding Hosts
}

// Index flattens every group once so later GroupHosts calls are lookups;
// call it after the structure is complete (LoadHealth does).
func (t *Topology) Index() {
	t.flat = make(map[int64][]int64, len(t.Groups))
	for id := range t.Groups {
		t.flat[id] = t.walk(id)
	}
}

// GroupHosts lists every host in a group, through nested groups, once each.
// Membership cycles are tolerated: each group is visited once.
func (t Topology) GroupHosts(id int64) []int64 {
	if hosts, ok := t.flat[id]; ok {
		return hosts
	}
	return t.walk(id)
}

func (t Topology) walk(id int64) []int64 {
	seen := map[int64]bool{}
	var hosts []int64
	var walk func(int64)
	walk = func(g int64) {
		if seen[g] {
			return
		}
		seen[g] = true
		m := t.Groups[g]
		hosts = append(hosts, m.Hosts...)
		for _, child := range m.Groups {
			walk(child)
		}
	}
	walk(id)
	slices.Sort(hosts)
	return slices.Compact(hosts)
}

// Host is a host's health; an unknown host has no data.
func (t Topology) Host(id int64) state.State {
	if s, ok := t.over[id]; ok {
		return s
	}
	if s, ok := t.Hosts[id]; ok {
		return s
	}
	return state.NoData
}

// Group is the most severe health among all hosts of the group.
func (t Topology) Group(id int64) state.State {
	return GroupHealth(t.hostStates(t.GroupHosts(id))...)
}

// Redundancy is the health of a redundancy group. Host groups inside it are
// flattened to their hosts, so a group with an ok and a critical host makes
// the redundancy group degraded, not critical.
func (t Topology) Redundancy(m Members) state.State {
	ids := slices.Clone(m.Hosts)
	for _, g := range m.Groups {
		ids = append(ids, t.GroupHosts(g)...)
	}
	slices.Sort(ids)
	return RedundancyHealth(t.hostStates(slices.Compact(ids))...)
}

// Service is the most severe of the service's dependencies.
func (t Topology) Service(s Service) state.State {
	deps := t.hostStates(s.Hosts)
	for _, g := range s.Groups {
		deps = append(deps, t.Group(g))
	}
	for _, r := range s.Redundancy {
		deps = append(deps, t.Redundancy(r))
	}
	return ServiceHealth(deps...)
}

func (t Topology) hostStates(ids []int64) []state.State {
	out := make([]state.State, len(ids))
	for i, id := range ids {
		out[i] = t.Host(id)
	}
	return out
}
