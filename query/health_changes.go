package query

import (
	"maps"
	"slices"

	"github.com/prophasis/prophasis/internal/state"
)

// Change is a service (or other subject) whose health differs between two
// snapshots; ingest turns changes into alert transitions.
type Change struct {
	ID       int64
	From, To state.State
}

// ServiceChanges derives service health transitions from a change of host
// health: the same services evaluated before and after, in id order.
func ServiceChanges(before, after Topology, services map[int64]Service) []Change {
	var out []Change
	for _, id := range slices.Sorted(maps.Keys(services)) {
		from, to := before.Service(services[id]), after.Service(services[id])
		if from != to {
			out = append(out, Change{ID: id, From: from, To: to})
		}
	}
	return out
}

// WithHost returns a copy of t in which one host has a new health. The
// copy shares the structure and the host map and only overlays the change,
// so comparing before and after stays cheap with many hosts.
func (t Topology) WithHost(id int64, s state.State) Topology {
	return t.WithHosts(map[int64]state.State{id: s})
}

// WithHosts is WithHost for several hosts: ingest keeps a Health in memory
// and lays each batch's new host health over it.
func (t Topology) WithHosts(changed map[int64]state.State) Topology {
	over := maps.Clone(t.over)
	if over == nil {
		over = map[int64]state.State{}
	}
	maps.Copy(over, changed)
	t.over = over
	return t
}
