package confyaml

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/prophasis/prophasis/internal/storage"
)

// current is the database's configuration with the ids Apply needs.
type current struct {
	file      File
	hosts     map[string]storage.Host
	groups    map[string]int64
	checks    map[string]int64
	services  map[string]int64
	schedules map[string]scheduleIDs
	notifiers map[string]int64
	rules     map[string]int64
	windows   map[string]int64
	overrides map[string]int64           // check id by plugin id + "\x00" + check name
	defaults  map[string]Classifier      // every stored default, by plugin id
	archived  map[string]Classifier      // the default of each plugin's active archive
	installed map[string]bool            // every plugin id, built-in ones included
	versions  map[string]map[string]bool // stored versions of uploaded plugins
}

// Export reads the configuration from the database in canonical form:
// entries and member lists sorted by name, defaults left out.
func Export(ctx context.Context, db storage.DBTX) (File, error) {
	c, err := load(ctx, db)
	return c.file, err
}

func load(ctx context.Context, db storage.DBTX) (current, error) {
	c := current{file: File{Version: Version}, hosts: map[string]storage.Host{}, groups: map[string]int64{},
		checks: map[string]int64{}, services: map[string]int64{}, schedules: map[string]scheduleIDs{},
		notifiers: map[string]int64{}, rules: map[string]int64{}, installed: map[string]bool{},
		versions: map[string]map[string]bool{}, windows: map[string]int64{}, overrides: map[string]int64{},
		defaults: map[string]Classifier{}, archived: map[string]Classifier{}}
	if err := loadPlugins(ctx, db, &c); err != nil {
		return c, err
	}
	hosts, err := storage.ListHosts(ctx, db, "")
	if err != nil {
		return c, fmt.Errorf("confyaml: export: %w", err)
	}
	hostNames := map[int64]string{}
	for _, h := range hosts {
		c.hosts[h.Name], hostNames[h.ID] = h, h.Name
		c.file.Hosts = append(c.file.Hosts, fileHost(h))
	}
	groups, err := storage.ListHostGroups(ctx, db, "")
	if err != nil {
		return c, fmt.Errorf("confyaml: export: %w", err)
	}
	groupNames := map[int64]string{}
	for _, g := range groups {
		c.groups[g.Name], groupNames[g.ID] = g.ID, g.Name
	}
	for _, g := range groups {
		_, hostIDs, groupIDs, err := storage.HostGroupByID(ctx, db, g.ID)
		if err != nil {
			return c, fmt.Errorf("confyaml: export: %w", err)
		}
		c.file.HostGroups = append(c.file.HostGroups, HostGroup{
			Name: g.Name, Description: g.Description, Hosts: names(hostIDs, hostNames), Groups: names(groupIDs, groupNames),
		})
	}
	if err := loadChecks(ctx, db, &c, hostNames, groupNames); err != nil {
		return c, err
	}
	if err := loadServices(ctx, db, &c, hostNames, groupNames); err != nil {
		return c, err
	}
	checkNames := invert(c.checks)
	if err := loadSchedules(ctx, db, &c, checkNames); err != nil {
		return c, err
	}
	if err := loadNotifiers(ctx, db, &c); err != nil {
		return c, err
	}
	byID := map[string]map[int64]string{"host": hostNames, "host_group": groupNames, "check": checkNames,
		"service": invert(c.services), "notifier": invert(c.notifiers)}
	if err := loadRules(ctx, db, &c, byID); err != nil {
		return c, err
	}
	if err := loadClassifiers(ctx, db, &c, checkNames); err != nil {
		return c, err
	}
	if err := loadWindows(ctx, db, &c, byID); err != nil {
		return c, err
	}
	slices.SortFunc(c.file.Plugins, func(a, b Plugin) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.file.Hosts, func(a, b Host) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(c.file.HostGroups, func(a, b HostGroup) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(c.file.Checks, func(a, b Check) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(c.file.Services, func(a, b Service) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(c.file.Schedules, func(a, b Schedule) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(c.file.Notifiers, func(a, b Notifier) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(c.file.AlertRules, func(a, b Rule) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(c.file.Classifiers, func(a, b Classifier) int { return strings.Compare(a.key(), b.key()) })
	slices.SortFunc(c.file.Windows, func(a, b Window) int { return strings.Compare(a.Name, b.Name) })
	return c, nil
}

// fileHost is h as the file writes it: defaults omitted, no agent key.
func fileHost(h storage.Host) Host {
	out := Host{Name: h.Name, Address: h.Address, Port: h.Port, Description: h.Description, Fingerprint: h.Fingerprint}
	if out.Port == defaultPort {
		out.Port = 0
	}
	if !h.Enabled {
		out.Enabled = new(false)
	}
	return out
}

// names maps ids to sorted names.
func names(ids []int64, byID map[int64]string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, byID[id])
	}
	slices.Sort(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// invert maps ids back to names.
func invert(ids map[string]int64) map[int64]string {
	out := make(map[int64]string, len(ids))
	for name, id := range ids {
		out[id] = name
	}
	return out
}
