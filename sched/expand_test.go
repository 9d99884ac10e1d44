package sched

import (
	"fmt"
	"testing"
)

func TestExpansionJobs(t *testing.T) {
	hosts := map[int64]Host{}
	for id := int64(1); id <= 6; id++ {
		hosts[id] = Host{ID: id, Name: fmt.Sprint("h", id)}
	}
	cpu := CheckPlugin{PluginID: "cpu"}
	disk := CheckPlugin{PluginID: "disk", Args: map[string]string{"mount": "/"}}
	tests := []struct {
		name   string
		groups []Group
		check  Check
		extra  []Check
		want   []string
	}{
		{name: "hosts × plugins", check: Check{ID: 1, HostIDs: []int64{2, 1}, Plugins: []CheckPlugin{cpu, disk}},
			want: []string{"1/cpu/1", "1/disk/1", "2/cpu/1", "2/disk/1"}},
		{name: "host direct and through a group is checked once",
			groups: []Group{{ID: 10, HostIDs: []int64{1, 2}}},
			check:  Check{ID: 1, HostIDs: []int64{1}, GroupIDs: []int64{10}, Plugins: []CheckPlugin{cpu}},
			want:   []string{"1/cpu/1", "2/cpu/1"}},
		{name: "nested groups",
			groups: []Group{{ID: 10, HostIDs: []int64{1}, GroupIDs: []int64{11}}, {ID: 11, HostIDs: []int64{2}, GroupIDs: []int64{12}}, {ID: 12, HostIDs: []int64{3}}},
			check:  Check{ID: 1, GroupIDs: []int64{10}, Plugins: []CheckPlugin{cpu}},
			want:   []string{"1/cpu/1", "2/cpu/1", "3/cpu/1"}},
		{name: "cycle between groups terminates",
			groups: []Group{{ID: 10, HostIDs: []int64{1}, GroupIDs: []int64{11}}, {ID: 11, HostIDs: []int64{2}, GroupIDs: []int64{10}}},
			check:  Check{ID: 1, GroupIDs: []int64{11}, Plugins: []CheckPlugin{cpu}},
			want:   []string{"1/cpu/1", "2/cpu/1"}},
		{name: "group containing itself",
			groups: []Group{{ID: 10, HostIDs: []int64{4}, GroupIDs: []int64{10}}},
			check:  Check{ID: 1, GroupIDs: []int64{10}, Plugins: []CheckPlugin{cpu}},
			want:   []string{"4/cpu/1"}},
		{name: "diamond reaches a host twice",
			groups: []Group{{ID: 10, GroupIDs: []int64{11, 12}}, {ID: 11, GroupIDs: []int64{13}}, {ID: 12, GroupIDs: []int64{13}}, {ID: 13, HostIDs: []int64{5}}},
			check:  Check{ID: 1, GroupIDs: []int64{10}, Plugins: []CheckPlugin{cpu}},
			want:   []string{"5/cpu/1"}},
		{name: "unknown or disabled hosts and missing groups are skipped",
			check: Check{ID: 1, HostIDs: []int64{1, 99}, GroupIDs: []int64{77}, Plugins: []CheckPlugin{cpu}},
			want:  []string{"1/cpu/1"}},
		{name: "same host and plugin in two checks are two jobs",
			check: Check{ID: 1, HostIDs: []int64{6}, Plugins: []CheckPlugin{cpu}},
			extra: []Check{{ID: 2, HostIDs: []int64{6}, Plugins: []CheckPlugin{cpu}}},
			want:  []string{"6/cpu/1", "6/cpu/2"}},
		{name: "check without plugins yields nothing", check: Check{ID: 1, HostIDs: []int64{1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := Expansion{Checks: map[int64]Check{}, Groups: map[int64]Group{}, Hosts: hosts}
			ids := []int64{}
			for _, c := range append([]Check{tc.check}, tc.extra...) {
				e.Checks[c.ID] = c
				ids = append(ids, c.ID)
			}
			for _, g := range tc.groups {
				e.Groups[g.ID] = g
			}
			var got []string
			for _, j := range e.Jobs(append(ids, 404)...) {
				got = append(got, fmt.Sprintf("%d/%s/%d", j.HostID, j.PluginID, j.CheckID))
				if j.HostName != hosts[j.HostID].Name {
					t.Errorf("job %+v lacks host details", j)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("jobs = %v, want %v", got, tc.want)
			}
		})
	}
}
