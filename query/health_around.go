package query

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// Structure is the group and service structure read in the ingest path's
// pipeline (QueueStructure), before it knows whether any host's health
// changed.
type Structure struct {
	groups   []storage.GroupMembers
	services []storage.ServiceStructure
}

// QueueStructure adds reading the structure to b; the Structure is filled
// once b has been sent.
func QueueStructure(b *pgx.Batch) *Structure {
	s := &Structure{}
	storage.QueueAllGroupMembers(b, &s.groups)
	storage.QueueServiceStructures(b, &s.services)
	return s
}

// HealthAround is the Health needed to derive the group and service changes
// of the changed hosts (GroupChangesSince, ServiceChangesSince): the
// structure with the health of every host sharing a group or a service with
// one of them. Hosts in known (the changed hosts, read already) are taken
// from it; the others are read through db in one query, and only when
// there are any, so a batch never reads the health of every host.
func (s *Structure) HealthAround(ctx context.Context, db storage.DBTX, changed []int64, known map[int64]state.State) (Health, error) {
	h := newHealth(s.groups, s.services)
	var missing []int64
	for _, host := range h.neighbours(changed) {
		if st, ok := known[host]; ok {
			h.Hosts[host] = st
		} else {
			missing = append(missing, host)
		}
	}
	if len(missing) == 0 {
		return h, nil
	}
	read, err := storage.AssignedHostHealth(ctx, db, missing)
	if err != nil {
		return Health{}, fmt.Errorf("query: health around %d hosts: %w", len(changed), err)
	}
	for host, st := range read {
		h.Hosts[host] = st
	}
	return h, nil
}

// neighbours lists changed and every host in a group containing one of
// them or in a service depending on one of them, once each.
func (h Health) neighbours(changed []int64) []int64 {
	hosts := slices.Clone(changed)
	for _, host := range changed {
		for _, g := range h.groupsOf[host] {
			hosts = append(hosts, h.GroupHosts(g)...)
		}
		for _, id := range h.byHost[host] {
			hosts = append(hosts, h.serviceHosts(h.Services[id])...)
		}
	}
	slices.Sort(hosts)
	return slices.Compact(hosts)
}

// serviceHosts lists every host a service depends on, directly, through
// host groups and through redundancy groups (with repeats).
func (h Health) serviceHosts(s Service) []int64 {
	hosts := slices.Clone(s.Hosts)
	for _, g := range s.Groups {
		hosts = append(hosts, h.GroupHosts(g)...)
	}
	for _, r := range s.Redundancy {
		hosts = append(hosts, r.Hosts...)
		for _, g := range r.Groups {
			hosts = append(hosts, h.GroupHosts(g)...)
		}
	}
	return hosts
}
