package confyaml

// refs validates checks and services against the hosts and groups of the
// same file.
type refs struct {
	hosts  map[string]bool
	groups map[string]HostGroup
	fail   func(list string, i int, field, format string, args ...any)
	failAt func(line int, list string, i int, format string, args ...any)
	pos    positions
}

// members reports hosts and groups that the file does not define.
func (r refs) members(list string, i int, hosts, groups []string) {
	for _, h := range hosts {
		if !r.hosts[h] {
			r.fail(list, i, "hosts", "host %q is not in hosts", h)
		}
	}
	for _, g := range groups {
		if _, ok := r.groups[g]; !ok {
			r.fail(list, i, "groups", "group %q is not in host_groups", g)
		}
	}
}

// name checks an entry's name: 1 to 200 characters, unique in seen.
func (r refs) name(list string, i int, kind, name string, seen map[string]bool) {
	field := "name"
	if kind == "plugin" {
		field = "id"
	}
	switch {
	case len(name) < 1 || len(name) > 200:
		r.fail(list, i, field, "%s: want 1 to 200 characters", field)
	case seen[name]:
		r.fail(list, i, field, "%s %q is listed twice", kind, name)
	}
	seen[name] = true
}

func (r refs) checks(checks []Check) {
	seen := map[string]bool{}
	for i, c := range checks {
		r.name("checks", i, "check", c.Name, seen)
		r.members("checks", i, c.Hosts, c.Groups)
		for id := range c.Plugins {
			if id == "" || len(id) > 200 {
				r.fail("checks", i, "plugins", "plugin id %q: want 1 to 200 characters", id)
			}
		}
	}
}

func (r refs) schedules(schedules []Schedule, checks []Check) {
	known := map[string]bool{}
	for _, c := range checks {
		known[c.Name] = true
	}
	seen := map[string]bool{}
	for i, s := range schedules {
		r.name("schedules", i, "schedule", s.Name, seen)
		for _, iv := range s.Intervals {
			if _, _, err := iv.parse(); err != nil {
				r.fail("schedules", i, "intervals", "%v", err)
			}
		}
		for _, c := range s.Checks {
			if !known[c] {
				r.fail("schedules", i, "checks", "check %q is not in checks", c)
			}
		}
	}
}

func (r refs) services(services []Service) {
	seen := map[string]bool{}
	for i, s := range services {
		r.name("services", i, "service", s.Name, seen)
		r.members("services", i, s.Hosts, s.Groups)
		redundancy := map[string]bool{}
		for _, g := range s.Redundancy {
			r.name("services", i, "redundancy group", g.Name, redundancy)
			r.members("services", i, g.Hosts, g.Groups)
		}
	}
}

func (r refs) plugins(plugins []Plugin) {
	seen := map[string]bool{}
	for i, p := range plugins {
		r.name("plugins", i, "plugin", p.ID, seen)
		if p.Version == "" {
			r.fail("plugins", i, "version", "version: name the version agents should run")
		}
	}
}
