package query

import (
	"context"
	"fmt"
	"slices"

	"github.com/prophasis/prophasis/internal/storage"
)

// LoadHealthAround reads the group and service structure and the health of
// only the hosts that share a group or a service with one of changed:
// enough for GroupChangesSince and ServiceChangesSince of those hosts. The
// ingest path calls it when some hosts' health changed, so a batch does not
// read the health of every host.
func LoadHealthAround(ctx context.Context, db storage.DBTX, changed []int64) (Health, error) {
	h, err := loadStructure(ctx, db)
	if err != nil {
		return Health{}, err
	}
	if h.Hosts, err = storage.AssignedHostHealth(ctx, db, h.neighbours(changed)); err != nil {
		return Health{}, fmt.Errorf("query: health around %d hosts: %w", len(changed), err)
	}
	return h, nil
}

// neighbours lists changed and every host in a group containing one of
// them or in a service depending on one of them, once each.
func (h Health) neighbours(changed []int64) []int64 {
	hosts := append([]int64{}, changed...) // never nil: nil would mean every host
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
