package confyaml

import (
	"slices"
	"time"
)

var stateNames = []string{"no_data", "ok", "unknown", "degraded", "minor", "major", "critical"}

func (r refs) notifiers(notifiers []Notifier) map[string]bool {
	seen := map[string]bool{}
	for i, n := range notifiers {
		r.name("notifiers", i, "notifier", n.Name, seen)
		if !notifierKinds[n.Kind] {
			r.fail("notifiers", i, "kind", "kind %q: want email, webhook, slack, teams, ntfy or script", n.Kind)
		}
		if _, err := settingsJSON(n); err != nil {
			r.fail("notifiers", i, "settings", "settings cannot be stored as JSON: %v", err)
		}
	}
	return seen
}

func (r refs) rules(f File, notifiers map[string]bool) {
	subjects := map[string]map[string]bool{"hosts": r.hosts, "host_groups": {}, "services": {}, "all_hosts": {}, "all_services": {}}
	for name := range r.groups {
		subjects["host_groups"][name] = true
	}
	for _, s := range f.Services {
		subjects["services"][s.Name] = true
	}
	checks := map[string]bool{}
	for _, c := range f.Checks {
		checks[c.Name] = true
	}
	seen := map[string]bool{}
	for i, rule := range f.AlertRules {
		r.name("alert_rules", i, "alert rule", rule.Name, seen)
		known, ok := subjects[rule.Scope]
		if !ok {
			r.fail("alert_rules", i, "scope", "scope %q: want hosts, host_groups, services, all_hosts or all_services", rule.Scope)
		}
		r.known("alert_rules", i, "subjects", "subject", rule.Subjects, known)
		r.known("alert_rules", i, "checks", "check", rule.Checks, checks)
		r.known("alert_rules", i, "notifiers", "notifier", rule.Notifiers, notifiers)
		for field, states := range map[string][]string{"from": rule.From, "to": rule.To} {
			if len(states) == 0 {
				r.fail("alert_rules", i, field, "%s: list at least one state", field)
			}
			for _, s := range states {
				if !slices.Contains(stateNames, s) {
					r.fail("alert_rules", i, field, "state %q: want one of %v", s, stateNames)
				}
			}
		}
		r.durations(i, rule, notifiers)
	}
}

func (r refs) durations(i int, rule Rule, notifiers map[string]bool) {
	if d, err := time.ParseDuration(orZero(rule.Repeat)); err != nil || (d != 0 && d < time.Minute) {
		r.fail("alert_rules", i, "repeat", "repeat %q: want a duration of at least 1m, or nothing for never", rule.Repeat)
	}
	escalate, err := time.ParseDuration(orZero(rule.EscalateAfter))
	if err != nil || escalate < 0 {
		r.fail("alert_rules", i, "escalate_after", "escalate_after %q: want a positive duration", rule.EscalateAfter)
	}
	if rule.EscalateTo != "" && (escalate == 0 || !notifiers[rule.EscalateTo]) {
		r.fail("alert_rules", i, "escalate_to", "escalate_to %q: needs escalate_after and a notifier in notifiers", rule.EscalateTo)
	}
}

// known reports names that are not in the file.
func (r refs) known(list string, i int, field, kind string, names []string, known map[string]bool) {
	for _, n := range names {
		if !known[n] {
			r.fail(list, i, field, "%s %q is not in this file", kind, n)
		}
	}
}
