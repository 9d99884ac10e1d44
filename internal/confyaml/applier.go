package confyaml

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/storage"
)

// applier carries out a diff inside one transaction.
type applier struct {
	tx          pgx.Tx
	cur         current
	want        File
	classifiers []Classifier // wanted, archive defaults included
}

// run applies changes in an order the constraints accept: hosts, then
// deleted groups, new and changed groups, member groups cleared before any
// is set (so no intermediate state holds a cycle), then what refers to
// them (checks ... alert rules, classifiers, maintenance windows), deleted
// hosts last. Overrides and windows are deleted first.
func (a applier) run(ctx context.Context, changes []Change) error {
	hostIDs := map[string]int64{}
	for name, h := range a.cur.hosts {
		hostIDs[name] = h.ID
	}
	todo := map[string]map[string]string{"host": {}, "host_group": {}, "check": {}, "service": {}, "schedule": {},
		"notifier": {}, "alert_rule": {}, "plugin": {}, "classifier": {}, "maintenance_window": {}}
	for _, c := range changes {
		todo[c.Kind][c.Name] = c.Action
	}
	if err := a.deleteClassifiers(ctx, todo["classifier"]); err != nil {
		return err
	}
	if err := a.deleteWindows(ctx, todo["maintenance_window"]); err != nil {
		return err
	}
	for _, h := range a.want.Hosts {
		var err error
		switch todo["host"][h.Name] {
		case "create":
			hostIDs[h.Name], err = storage.CreateHost(ctx, a.tx, storeHost(0, h))
		case "update":
			err = storage.UpdateHost(ctx, a.tx, storeHost(hostIDs[h.Name], h))
		}
		if err != nil {
			return fmt.Errorf("confyaml: host %q: %w", h.Name, err)
		}
	}
	for name, action := range todo["host_group"] {
		if action == "delete" {
			if err := storage.DeleteHostGroup(ctx, a.tx, a.cur.groups[name]); err != nil {
				return fmt.Errorf("confyaml: delete host group %q: %w", name, err)
			}
		}
	}
	groupIDs, err := a.groups(ctx, todo["host_group"])
	if err != nil {
		return err
	}
	if err := a.members(ctx, todo["host_group"], hostIDs, groupIDs); err != nil {
		return err
	}
	ids, err := a.dependents(ctx, todo, hostIDs, groupIDs)
	if err != nil {
		return err
	}
	if err := a.saveClassifiers(ctx, todo["classifier"], ids["check"]); err != nil {
		return err
	}
	if err := a.saveWindows(ctx, todo["maintenance_window"], ids); err != nil {
		return err
	}
	for name, action := range todo["host"] {
		if action == "delete" {
			if err := storage.DeleteHost(ctx, a.tx, hostIDs[name]); err != nil {
				return fmt.Errorf("confyaml: delete host %q: %w", name, err)
			}
		}
	}
	return a.audit(ctx, changes)
}

// groups creates and updates groups, returning every wanted group's id.
func (a applier) groups(ctx context.Context, todo map[string]string) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, g := range a.want.HostGroups {
		var err error
		ids[g.Name] = a.cur.groups[g.Name]
		switch todo[g.Name] {
		case "create":
			ids[g.Name], err = storage.CreateHostGroup(ctx, a.tx, storage.HostGroup{Name: g.Name, Description: g.Description})
		case "update":
			err = storage.UpdateHostGroup(ctx, a.tx, storage.HostGroup{ID: ids[g.Name], Name: g.Name, Description: g.Description})
		}
		if err != nil {
			return nil, fmt.Errorf("confyaml: host group %q: %w", g.Name, err)
		}
	}
	return ids, nil
}

// members sets the members of created and updated groups in two passes.
func (a applier) members(ctx context.Context, todo map[string]string, hostIDs, groupIDs map[string]int64) error {
	for pass := range 2 {
		for _, g := range a.want.HostGroups {
			if todo[g.Name] == "" {
				continue
			}
			var children []int64
			if pass == 1 {
				children = lookup(g.Groups, groupIDs)
			}
			if err := storage.SetHostGroupMembers(ctx, a.tx, groupIDs[g.Name], lookup(g.Hosts, hostIDs), children); err != nil {
				return fmt.Errorf("confyaml: members of host group %q: %w", g.Name, err)
			}
		}
	}
	return nil
}

func lookup(names []string, ids map[string]int64) []int64 {
	out := make([]int64, 0, len(names))
	for _, n := range names {
		out = append(out, ids[n])
	}
	return out
}

// audit records each change; snapshots are the file's entries, which hold
// no secrets.
func (a applier) audit(ctx context.Context, changes []Change) error {
	for _, c := range changes {
		e := storage.AuditEntry{Actor: "cli", Action: c.Action, EntityType: c.Kind, After: map[string]any{"name": c.Name}}
		if c.Action == "delete" {
			e.Before, e.After = e.After, nil
		}
		if err := storage.Audit(ctx, a.tx, e); err != nil {
			return fmt.Errorf("confyaml: %w", err)
		}
	}
	return nil
}
