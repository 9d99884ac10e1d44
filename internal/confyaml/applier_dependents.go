package confyaml

import (
	"context"
	"fmt"

	"github.com/prophasis/prophasis/internal/storage"
)

// dependents deletes, creates and replaces what refers to hosts and
// groups: checks, services, and schedules (which refer to checks).
func (a applier) dependents(ctx context.Context, todo map[string]map[string]string, hostIDs, groupIDs map[string]int64) error {
	deletes := []struct {
		kind string
		del  func(context.Context, storage.DBTX, int64) error
		ids  func(string) int64
	}{
		{"schedule", storage.DeleteScheduleConfig, func(n string) int64 { return a.cur.schedules[n].id }},
		{"check", storage.DeleteCheckConfig, func(n string) int64 { return a.cur.checks[n] }},
		{"service", storage.DeleteService, func(n string) int64 { return a.cur.services[n] }},
	}
	for _, d := range deletes {
		for name, action := range todo[d.kind] {
			if action == "delete" {
				if err := d.del(ctx, a.tx, d.ids(name)); err != nil {
					return fmt.Errorf("confyaml: delete %s %q: %w", d.kind, name, err)
				}
			}
		}
	}
	checkIDs := map[string]int64{}
	for _, c := range a.want.Checks {
		checkIDs[c.Name] = a.cur.checks[c.Name]
		if todo["check"][c.Name] != "" {
			id, err := saveCheck(ctx, a.tx, checkIDs[c.Name], c, hostIDs, groupIDs)
			if err != nil {
				return err
			}
			checkIDs[c.Name] = id
		}
	}
	for _, s := range a.want.Services {
		if todo["service"][s.Name] != "" {
			if err := saveService(ctx, a.tx, a.cur.services[s.Name], s, hostIDs, groupIDs); err != nil {
				return err
			}
		}
	}
	for _, s := range a.want.Schedules {
		if todo["schedule"][s.Name] != "" {
			if err := saveSchedule(ctx, a.tx, a.cur.schedules[s.Name], s, checkIDs); err != nil {
				return err
			}
		}
	}
	return nil
}
