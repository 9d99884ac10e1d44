package query

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// Health is every host's health with the group and service structure, read
// in three queries whatever the number of hosts, so pages and ingest never
// query per plugin or per member.
type Health struct {
	Topology
	Services     map[int64]Service
	ServiceNames map[int64]string
	byHost       map[int64][]int64 // services depending on each host, by Index
	groupsOf     map[int64][]int64 // groups containing each host, by Index
}

// Index prepares lookups: flattened groups, and for each host the
// services that depend on it, so a change of a few hosts re-evaluates only
// their services. LoadHealth calls it.
func (h *Health) Index() {
	h.Topology.Index()
	h.groupsOf = map[int64][]int64{}
	for g, hosts := range h.flat {
		for _, host := range hosts {
			h.groupsOf[host] = append(h.groupsOf[host], g)
		}
	}
	h.byHost = map[int64][]int64{}
	for id, s := range h.Services {
		hosts := h.serviceHosts(s)
		slices.Sort(hosts)
		for _, host := range slices.Compact(hosts) {
			h.byHost[host] = append(h.byHost[host], id)
		}
	}
}

// LoadHealth reads the current health of everything.
func LoadHealth(ctx context.Context, db storage.DBTX) (Health, error) {
	h, err := loadStructure(ctx, db)
	if err != nil {
		return Health{}, err
	}
	if h.Hosts, err = storage.AssignedHostHealth(ctx, db, nil); err != nil {
		return Health{}, fmt.Errorf("query: health: %w", err)
	}
	return h, nil
}

// loadStructure reads the groups and services, indexed, with no host
// health yet.
func loadStructure(ctx context.Context, db storage.DBTX) (Health, error) {
	groups, err := storage.AllGroupMembers(ctx, db)
	if err != nil {
		return Health{}, fmt.Errorf("query: health: %w", err)
	}
	services, err := storage.ServiceStructures(ctx, db)
	if err != nil {
		return Health{}, fmt.Errorf("query: health: %w", err)
	}
	return newHealth(groups, services), nil
}

// newHealth is the indexed Health of the structure, with no host health.
func newHealth(groups []storage.GroupMembers, services []storage.ServiceStructure) Health {
	h := Health{
		Topology: Topology{Hosts: map[int64]state.State{}, Groups: make(map[int64]Members, len(groups))},
		Services: make(map[int64]Service, len(services)), ServiceNames: make(map[int64]string, len(services)),
	}
	for _, g := range groups {
		h.Groups[g.ID] = Members{Hosts: g.Hosts, Groups: g.Groups}
	}
	for _, s := range services {
		svc := Service{Hosts: s.Hosts, Groups: s.Groups}
		for _, r := range s.Redundancy {
			svc.Redundancy = append(svc.Redundancy, Members{Hosts: r.Hosts, Groups: r.Groups})
		}
		h.Services[s.ID], h.ServiceNames[s.ID] = svc, s.Name
	}
	h.Index()
	return h
}

// ServiceStates is the health of every service.
func (h Health) ServiceStates() map[int64]state.State {
	out := make(map[int64]state.State, len(h.Services))
	for id, s := range h.Services {
		out[id] = h.Service(s)
	}
	return out
}

// GroupStates is the health of every host group.
func (h Health) GroupStates() map[int64]state.State {
	out := make(map[int64]state.State, len(h.Groups))
	for id := range h.Groups {
		out[id] = h.Group(id)
	}
	return out
}

// ServiceChangesSince derives service transitions for ingest: h is the
// health after a batch, before holds the previous health of the hosts the
// batch changed. With an index only the services of those hosts are
// evaluated.
func (h Health) ServiceChangesSince(before map[int64]state.State) []Change {
	services := h.Services
	if h.byHost != nil {
		services = map[int64]Service{}
		for host := range before {
			for _, id := range h.byHost[host] {
				services[id] = h.Services[id]
			}
		}
	}
	return ServiceChanges(h.WithHosts(before), h.Topology, services)
}

// GroupChangesSince is ServiceChangesSince for host groups: the groups
// containing a changed host, in id order, whose health changed.
func (h Health) GroupChangesSince(before map[int64]state.State) []Change {
	prev := h.WithHosts(before)
	seen := map[int64]bool{}
	var ids []int64
	for host := range before {
		groups := h.groupsOf[host]
		if h.groupsOf == nil {
			groups = slices.Collect(maps.Keys(h.Groups))
		}
		for _, g := range groups {
			if !seen[g] {
				seen[g] = true
				ids = append(ids, g)
			}
		}
	}
	slices.Sort(ids)
	var out []Change
	for _, g := range ids {
		if from, to := prev.Group(g), h.Group(g); from != to {
			out = append(out, Change{ID: g, From: from, To: to})
		}
	}
	return out
}
