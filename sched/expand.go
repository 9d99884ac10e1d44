package sched

import (
	"cmp"
	"maps"
	"slices"
	"time"
)

// Host is a monitored host as a job needs it.
type Host struct {
	ID      int64
	Name    string
	Address string
}

// Group is a host group: hosts and nested groups. Nesting may contain
// cycles (a bad edit, a race between two editors); expansion survives them.
type Group struct {
	ID       int64
	HostIDs  []int64
	GroupIDs []int64
}

// CheckPlugin is one plugin of a check with the check's arguments for it.
type CheckPlugin struct {
	PluginID string
	Args     map[string]string
	// Timeout is the plugin's run deadline; zero takes the dispatcher's.
	Timeout time.Duration
}

// Check is a named set of hosts and host groups × plugins.
type Check struct {
	ID       int64
	HostIDs  []int64
	GroupIDs []int64
	Plugins  []CheckPlugin
}

// Expansion is everything needed to turn schedules into jobs, as loaded
// from the database in one go. Hosts holds only hosts that may be checked:
// a disabled or deleted host is simply absent.
type Expansion struct {
	ScheduleChecks map[int64][]int64
	Checks         map[int64]Check
	Groups         map[int64]Group
	Hosts          map[int64]Host
}

// Jobs returns the jobs of the given checks: every host reached directly
// or through (nested) groups × every plugin, a host reached twice checked
// once, in a stable order (host, plugin, check).
func (e Expansion) Jobs(checkIDs ...int64) []Job {
	seen := map[JobKey]bool{}
	var jobs []Job
	for _, cid := range checkIDs {
		c, ok := e.Checks[cid]
		if !ok {
			continue
		}
		argKeys := make([]string, len(c.Plugins))
		for i, p := range c.Plugins {
			argKeys[i] = canonicalArgs(p.Args)
		}
		for _, hid := range e.hostsOf(c) {
			h := e.Hosts[hid]
			for i, p := range c.Plugins {
				k := JobKey{HostID: h.ID, PluginID: p.PluginID, CheckID: c.ID, Args: argKeys[i]}
				if !seen[k] {
					seen[k] = true
					jobs = append(jobs, Job{HostID: h.ID, HostName: h.Name, Address: h.Address,
						PluginID: p.PluginID, CheckID: c.ID, Args: p.Args, Timeout: p.Timeout})
				}
			}
		}
	}
	slices.SortStableFunc(jobs, func(a, b Job) int {
		return cmp.Or(cmp.Compare(a.HostID, b.HostID), cmp.Compare(a.PluginID, b.PluginID), cmp.Compare(a.CheckID, b.CheckID))
	})
	return jobs
}

// hostsOf flattens a check's members into known host ids, each once. Every
// group is visited at most once, which makes cycles harmless.
func (e Expansion) hostsOf(c Check) []int64 {
	hosts := map[int64]bool{}
	visited := map[int64]bool{}
	stack := slices.Clone(c.GroupIDs)
	add := func(ids []int64) {
		for _, id := range ids {
			if _, ok := e.Hosts[id]; ok {
				hosts[id] = true
			}
		}
	}
	add(c.HostIDs)
	for len(stack) > 0 {
		gid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if visited[gid] {
			continue
		}
		visited[gid] = true
		g := e.Groups[gid]
		add(g.HostIDs)
		stack = append(stack, g.GroupIDs...)
	}
	return slices.Sorted(maps.Keys(hosts))
}
