package confyaml

import (
	"context"
	"fmt"

	"github.com/prophasis/prophasis/internal/storage"
)

// dependents deletes, creates and replaces what refers to hosts and
// groups: checks, services, schedules (which refer to checks), notifiers
// and alert rules (which refer to all of them). It returns every wanted
// entry's id by kind and name.
func (a applier) dependents(ctx context.Context, todo map[string]map[string]string, hostIDs, groupIDs map[string]int64) (map[string]map[string]int64, error) {
	deletes := []struct {
		kind string
		del  func(context.Context, storage.DBTX, int64) error
		ids  map[string]int64
	}{
		{"alert_rule", storage.DeleteAlertRule, a.cur.rules},
		{"notifier", storage.DeleteNotifier, a.cur.notifiers},
		{"schedule", storage.DeleteScheduleConfig, scheduleIDMap(a.cur.schedules)},
		{"check", storage.DeleteCheckConfig, a.cur.checks},
		{"service", storage.DeleteService, a.cur.services},
	}
	for _, d := range deletes {
		for name, action := range todo[d.kind] {
			if action == "delete" {
				if err := d.del(ctx, a.tx, d.ids[name]); err != nil {
					return nil, fmt.Errorf("confyaml: delete %s %q: %w", d.kind, name, err)
				}
			}
		}
	}
	ids := map[string]map[string]int64{"host": hostIDs, "host_group": groupIDs,
		"check": copyIDs(a.cur.checks), "service": copyIDs(a.cur.services), "notifier": copyIDs(a.cur.notifiers)}
	saves := []struct {
		kind  string
		names []string
		save  func(i int, id int64) (int64, error)
	}{
		{"check", namesOf(a.want.Checks, func(c Check) string { return c.Name }), func(i int, id int64) (int64, error) {
			return saveCheck(ctx, a.tx, id, a.want.Checks[i], hostIDs, groupIDs)
		}},
		{"service", namesOf(a.want.Services, func(s Service) string { return s.Name }), func(i int, id int64) (int64, error) {
			return saveService(ctx, a.tx, id, a.want.Services[i], hostIDs, groupIDs)
		}},
		{"schedule", namesOf(a.want.Schedules, func(s Schedule) string { return s.Name }), func(i int, _ int64) (int64, error) {
			return 0, saveSchedule(ctx, a.tx, a.cur.schedules[a.want.Schedules[i].Name], a.want.Schedules[i], ids["check"])
		}},
		{"notifier", namesOf(a.want.Notifiers, func(n Notifier) string { return n.Name }), func(i int, id int64) (int64, error) {
			return saveNotifier(ctx, a.tx, id, a.want.Notifiers[i])
		}},
		{"alert_rule", namesOf(a.want.AlertRules, func(r Rule) string { return r.Name }), func(i int, id int64) (int64, error) {
			return 0, saveRule(ctx, a.tx, a.cur.rules[a.want.AlertRules[i].Name], a.want.AlertRules[i], ids)
		}},
	}
	for _, s := range saves {
		for i, name := range s.names {
			if todo[s.kind][name] == "" {
				continue
			}
			id, err := s.save(i, ids[s.kind][name])
			if err != nil {
				return nil, err
			}
			if ids[s.kind] != nil {
				ids[s.kind][name] = id
			}
		}
	}
	return ids, nil
}

func namesOf[T any](list []T, name func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = name(x)
	}
	return out
}

func copyIDs(m map[string]int64) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func scheduleIDMap(m map[string]scheduleIDs) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[k] = v.id
	}
	return out
}
