package query

import (
	"context"
	"fmt"
	"maps"

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
}

// LoadHealth reads the current health of everything.
func LoadHealth(ctx context.Context, db storage.DBTX) (Health, error) {
	hosts, err := storage.AssignedHostHealth(ctx, db, nil)
	if err != nil {
		return Health{}, fmt.Errorf("query: health: %w", err)
	}
	groups, err := storage.AllGroupMembers(ctx, db)
	if err != nil {
		return Health{}, fmt.Errorf("query: health: %w", err)
	}
	services, err := storage.ServiceStructures(ctx, db)
	if err != nil {
		return Health{}, fmt.Errorf("query: health: %w", err)
	}
	h := Health{
		Topology: Topology{Hosts: hosts, Groups: make(map[int64]Members, len(groups))},
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
	return h, nil
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
// batch changed.
func (h Health) ServiceChangesSince(before map[int64]state.State) []Change {
	prev := Topology{Hosts: maps.Clone(h.Hosts), Groups: h.Groups}
	if prev.Hosts == nil {
		prev.Hosts = map[int64]state.State{}
	}
	maps.Copy(prev.Hosts, before)
	return ServiceChanges(prev, h.Topology, h.Services)
}
