package confyaml

import (
	"context"
	"fmt"
	"maps"

	"github.com/prophasis/prophasis/internal/storage"
)

// Check runs plugins on hosts and host groups. Plugins are referenced by
// id with their arguments; they must be uploaded before the file is
// applied (archives are not part of the file).
type Check struct {
	Name        string                       `yaml:"name"`
	Description string                       `yaml:"description,omitempty"`
	Enabled     *bool                        `yaml:"enabled,omitempty"` // nil: true
	Hosts       []string                     `yaml:"hosts,omitempty"`
	Groups      []string                     `yaml:"groups,omitempty"`
	Plugins     map[string]map[string]string `yaml:"plugins,omitempty"`
}

func normalizeCheck(c Check) Check {
	c.Hosts, c.Groups = nilIfEmpty(c.Hosts), nilIfEmpty(c.Groups)
	if len(c.Plugins) == 0 {
		c.Plugins = nil
	}
	for id, args := range c.Plugins {
		if args == nil {
			c.Plugins[id] = map[string]string{}
		}
	}
	return c
}

func sameCheck(a, b Check) bool {
	return a.Description == b.Description && (a.Enabled == nil || *a.Enabled) == (b.Enabled == nil || *b.Enabled) &&
		sameSet(a.Hosts, b.Hosts) && sameSet(a.Groups, b.Groups) &&
		maps.EqualFunc(a.Plugins, b.Plugins, func(x, y map[string]string) bool { return maps.Equal(x, y) })
}

// loadChecks reads every check with member names.
func loadChecks(ctx context.Context, db storage.DBTX, c *current, hostNames, groupNames map[int64]string) error {
	checks, err := storage.ListCheckConfigs(ctx, db, "")
	if err != nil {
		return fmt.Errorf("confyaml: export: %w", err)
	}
	for _, ch := range checks {
		_, m, err := storage.CheckConfigByID(ctx, db, ch.ID)
		if err != nil {
			return fmt.Errorf("confyaml: export: %w", err)
		}
		out := Check{Name: ch.Name, Description: ch.Description, Hosts: names(m.HostIDs, hostNames),
			Groups: names(m.GroupIDs, groupNames), Plugins: m.Plugins}
		if !ch.Enabled {
			out.Enabled = new(false)
		}
		c.checks[ch.Name] = ch.ID
		c.file.Checks = append(c.file.Checks, normalizeCheck(out))
	}
	return nil
}

// saveCheck creates (id 0) or replaces a check and returns its id.
func saveCheck(ctx context.Context, db storage.DBTX, id int64, ch Check, hostIDs, groupIDs map[string]int64) (int64, error) {
	cfg := storage.CheckConfig{ID: id, Name: ch.Name, Description: ch.Description, Enabled: ch.Enabled == nil || *ch.Enabled}
	m := storage.CheckMembers{HostIDs: lookup(ch.Hosts, hostIDs), GroupIDs: lookup(ch.Groups, groupIDs), Plugins: ch.Plugins}
	if m.Plugins == nil {
		m.Plugins = map[string]map[string]string{}
	}
	id, err := storage.SaveCheckConfig(ctx, db, cfg, m)
	if err != nil {
		return 0, fmt.Errorf("confyaml: check %q: %w", ch.Name, err)
	}
	return id, nil
}

// checkPlugins refuses checks and alert rules naming plugins that are
// neither installed nor in the file: storing them would silently drop the
// plugin.
func checkPlugins(f File, installed map[string]bool) error {
	have := maps.Clone(installed)
	for _, p := range f.Plugins {
		have[p.ID] = true
	}
	for _, ch := range f.Checks {
		for id := range ch.Plugins {
			if !have[id] {
				return fmt.Errorf("confyaml: check %q: plugin %q is not installed (upload it first)", ch.Name, id)
			}
		}
	}
	for _, c := range f.Classifiers {
		if !have[c.Plugin] {
			return fmt.Errorf("confyaml: classifier %s: plugin %q is not installed (upload it first)", c.key(), c.Plugin)
		}
	}
	for _, r := range f.AlertRules {
		for _, id := range r.Plugins {
			if !have[id] {
				return fmt.Errorf("confyaml: alert rule %q: plugin %q is not installed (upload it first)", r.Name, id)
			}
		}
	}
	return nil
}
