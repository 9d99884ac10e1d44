package confyaml

import (
	"errors"
	"fmt"
	"regexp"

	"go.yaml.in/yaml/v3"
)

// positions finds the line of an entry of the parsed document.
type positions struct{ root *yaml.Node }

// line is the line of list[i] (field "") or of its field's value; 0 when
// not found.
func (p positions) line(list string, i int, field string) int {
	if n := p.node(list, i, field); n != nil {
		return n.Line
	}
	return 0
}

// node is list[i] (field "") or its field's value; nil when not found.
func (p positions) node(list string, i int, field string) *yaml.Node {
	n := p.root
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	n = mapValue(n, list)
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return nil
	}
	item := n.Content[i]
	if v := mapValue(item, field); field != "" && v != nil {
		return v
	}
	return item
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

var fingerprintPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// validate checks everything the database would refuse, and references
// between entries, so Apply never fails half-way on a bad file.
func validate(f File, pos positions) error {
	var errs []error
	failAt := func(line int, list string, i int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("confyaml: line %d: %s[%d]: %s", line, list, i, fmt.Sprintf(format, args...)))
	}
	fail := func(list string, i int, field, format string, args ...any) {
		failAt(pos.line(list, i, field), list, i, format, args...)
	}
	if f.Version != Version {
		errs = append(errs, fmt.Errorf("confyaml: version %d: want version: %d", f.Version, Version))
	}
	hosts := map[string]bool{}
	for i, h := range f.Hosts {
		switch {
		case len(h.Name) < 1 || len(h.Name) > 253:
			fail("hosts", i, "name", "name: want 1 to 253 characters")
		case hosts[h.Name]:
			fail("hosts", i, "name", "host %q is listed twice", h.Name)
		}
		hosts[h.Name] = true
		if len(h.Address) < 1 || len(h.Address) > 253 {
			fail("hosts", i, "address", "address: want 1 to 253 characters")
		}
		if h.Port < 0 || h.Port > 65535 {
			fail("hosts", i, "port", "port %d: want 1 to 65535", h.Port)
		}
		if h.Fingerprint != "" && !fingerprintPattern.MatchString(h.Fingerprint) {
			fail("hosts", i, "tls_fingerprint", "tls_fingerprint: want 64 lower-case hex digits (SHA-256)")
		}
	}
	groups := map[string]HostGroup{}
	for i, g := range f.HostGroups {
		switch _, dup := groups[g.Name]; {
		case len(g.Name) < 1 || len(g.Name) > 200:
			fail("host_groups", i, "name", "name: want 1 to 200 characters")
		case dup:
			fail("host_groups", i, "name", "host group %q is listed twice", g.Name)
		}
		groups[g.Name] = g
	}
	for i, g := range f.HostGroups {
		for _, h := range g.Hosts {
			if !hosts[h] {
				fail("host_groups", i, "hosts", "host %q is not in hosts", h)
			}
		}
		for _, c := range g.Groups {
			if _, ok := groups[c]; !ok {
				fail("host_groups", i, "groups", "group %q is not in host_groups", c)
			}
		}
		if cyclic(g.Name, groups) {
			fail("host_groups", i, "groups", "group %q contains itself through its member groups", g.Name)
		}
	}
	r := refs{hosts: hosts, groups: groups, fail: fail, failAt: failAt, pos: pos}
	r.plugins(f.Plugins)
	r.checks(f.Checks)
	r.services(f.Services)
	r.schedules(f.Schedules, f.Checks)
	r.rules(f, r.notifiers(f.Notifiers))
	r.classifiers(f.Classifiers, f.Checks)
	r.windows(f.Windows, f.Services)
	return errors.Join(errs...)
}

// cyclic reports whether group name reaches itself through member groups.
func cyclic(name string, groups map[string]HostGroup) bool {
	seen := map[string]bool{}
	stack := append([]string(nil), groups[name].Groups...)
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if g == name {
			return true
		}
		if !seen[g] {
			seen[g] = true
			stack = append(stack, groups[g].Groups...)
		}
	}
	return false
}
