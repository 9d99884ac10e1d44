package confyaml

import (
	"errors"

	"go.yaml.in/yaml/v3"

	"github.com/prophasis/prophasis/classify"
)

// classifiers checks keys, depths and that the Lua compiles, as the web
// app does before saving; a Lua error names the line of the file.
func (r refs) classifiers(list []Classifier, checks []Check) {
	known := map[string]bool{}
	for _, c := range checks {
		known[c.Name] = true
	}
	seen := map[string]bool{}
	for i, c := range list {
		switch {
		case c.Plugin == "" || len(c.Plugin) > 200:
			r.fail("classifiers", i, "plugin", "plugin: want a plugin id of 1 to 200 characters")
		case seen[c.key()]:
			r.fail("classifiers", i, "plugin", "classifier %s is listed twice", c.key())
		}
		seen[c.key()] = true
		if c.Check != "" && !known[c.Check] {
			r.fail("classifiers", i, "check", "check %q is not in checks", c.Check)
		}
		if c.HistoryDepth < 0 || c.HistoryDepth > 10000 {
			r.fail("classifiers", i, "history_depth", "history_depth %d: want 1 to 10000", c.HistoryDepth)
		}
		if len(c.Code) == 0 || len(c.Code) > 1000000 {
			r.fail("classifiers", i, "code", "code: want 1 to 1000000 bytes of Lua")
			continue
		}
		var cerr *classify.Error
		if err := classify.Compile(string(c.Code)); errors.As(err, &cerr) && cerr.Line > 0 {
			r.failAt(r.luaLine(i, cerr.Line), "classifiers", i, "code line %d: %s", cerr.Line, cerr.Message)
		} else if err != nil {
			r.fail("classifiers", i, "code", "%v", err)
		}
	}
}

// luaLine is the file line of line n of classifier i's code: a block
// scalar's code starts on the line after its indicator.
func (r refs) luaLine(i, n int) int {
	node := r.pos.node("classifiers", i, "code")
	switch {
	case node == nil:
		return 0
	case node.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return node.Line + n
	default:
		return node.Line
	}
}

// windows checks names, times and zones, and that scopes name hosts,
// groups and services of the file.
func (r refs) windows(list []Window, services []Service) {
	known := map[string]bool{}
	for _, s := range services {
		known[s.Name] = true
	}
	seen := map[string]bool{}
	for i, w := range list {
		r.name("maintenance_windows", i, "maintenance window", w.Name, seen)
		r.members("maintenance_windows", i, w.Hosts, w.Groups)
		r.known("maintenance_windows", i, "services", "service", w.Services, known)
		var ferr fieldError
		if _, err := w.input(nil); errors.As(err, &ferr) {
			r.fail("maintenance_windows", i, ferr.field, "%s", ferr.msg)
		}
	}
}
