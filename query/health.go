// Package query is the read path: health of hosts, groups and services,
// history windows for classifiers, graph series and availability.
package query

import "github.com/prophasis/prophasis/internal/state"

// HostHealth is the most severe latest classification among the plugins
// assigned to a host; no results at all is no data.
func HostHealth(latest ...state.State) state.State { return state.Worst(latest...) }

// GroupHealth is the most severe health among a host group's member hosts
// (nested groups flattened by Topology).
func GroupHealth(members ...state.State) state.State { return state.Worst(members...) }

// ServiceHealth is the most severe of a service's dependencies: hosts, host
// groups and redundancy groups alike.
func ServiceHealth(deps ...state.State) state.State { return state.Worst(deps...) }

// RedundancyHealth is the health of a set of interchangeable members: the
// least severe member decides, because one working member keeps the service
// up. When that best member is ok but another is not, the group is degraded:
// still serving, without its redundancy. Members with no data do not decide,
// so the result never depends on which member happens to be unmonitored or
// on member order; only no data at all gives no data.
func RedundancyHealth(members ...state.State) state.State {
	best := state.NoData
	worst := state.NoData
	for _, s := range members {
		if s == state.NoData || !s.Valid() {
			continue
		}
		if best == state.NoData || s.Severity() < best.Severity() {
			best = s
		}
		worst = state.Worst(worst, s)
	}
	if best == state.OK && worst != state.OK {
		return state.Degraded
	}
	return best
}
