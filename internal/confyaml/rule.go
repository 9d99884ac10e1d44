package confyaml

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/storage"
)

// Rule notifies when a host or service moves from one of From to one of
// To. Subjects are host, host group or service names depending on Scope
// (none for all_hosts and all_services); durations are Go durations.
type Rule struct {
	Name          string   `yaml:"name"`
	Enabled       *bool    `yaml:"enabled,omitempty"` // nil: true
	Scope         string   `yaml:"scope"`
	Subjects      []string `yaml:"subjects,omitempty"`
	Plugins       []string `yaml:"plugins,omitempty"`
	Checks        []string `yaml:"checks,omitempty"`
	From          []string `yaml:"from"`
	To            []string `yaml:"to"`
	Repeat        string   `yaml:"repeat,omitempty"`
	EscalateAfter string   `yaml:"escalate_after,omitempty"`
	EscalateTo    string   `yaml:"escalate_to,omitempty"`
	Notifiers     []string `yaml:"notifiers,omitempty"`
}

func normalizeRule(r Rule) Rule {
	r.Subjects, r.Plugins, r.Checks = nilIfEmpty(r.Subjects), nilIfEmpty(r.Plugins), nilIfEmpty(r.Checks)
	r.Notifiers = nilIfEmpty(r.Notifiers)
	return r
}

func sameRule(a, b Rule) bool {
	ra, _ := time.ParseDuration(orZero(a.Repeat))
	rb, _ := time.ParseDuration(orZero(b.Repeat))
	ea, _ := time.ParseDuration(orZero(a.EscalateAfter))
	eb, _ := time.ParseDuration(orZero(b.EscalateAfter))
	return (a.Enabled == nil || *a.Enabled) == (b.Enabled == nil || *b.Enabled) && a.Scope == b.Scope &&
		sameSet(a.Subjects, b.Subjects) && sameSet(a.Plugins, b.Plugins) && sameSet(a.Checks, b.Checks) &&
		sameSet(a.From, b.From) && sameSet(a.To, b.To) && ra == rb && ea == eb && a.EscalateTo == b.EscalateTo &&
		sameSet(a.Notifiers, b.Notifiers)
}

func orZero(d string) string {
	if d == "" {
		return "0s"
	}
	return d
}

// subjectKind maps a scope to the list its subjects are names from.
var subjectKind = map[string]string{"hosts": "host", "host_groups": "host_group", "services": "service"}

// loadRules reads every alert rule with names for its ids.
func loadRules(ctx context.Context, db storage.DBTX, c *current, byID map[string]map[int64]string) error {
	rows, _ := db.Query(ctx, `SELECT id FROM alert_rules ORDER BY id`)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("confyaml: export alert rules: %w", err)
	}
	for _, id := range ids {
		in, err := storage.AlertRuleForm(ctx, db, id)
		if err != nil {
			return fmt.Errorf("confyaml: export: %w", err)
		}
		out := Rule{Name: in.Name, Scope: in.Scope, Subjects: names(in.Subjects, byID[subjectKind[in.Scope]]),
			Plugins: nilIfEmpty(in.Plugins), Checks: names(in.Checks, byID["check"]), From: in.From, To: in.To,
			Repeat: durationText(in.Repeat), EscalateAfter: durationText(in.EscalateAfter),
			EscalateTo: byID["notifier"][in.EscalationNotifier], Notifiers: names(in.Notifiers, byID["notifier"])}
		if !in.Enabled {
			out.Enabled = new(false)
		}
		c.rules[in.Name] = id
		c.file.AlertRules = append(c.file.AlertRules, normalizeRule(out))
	}
	return nil
}

// durationText writes d the short way ("1h", "5m", "1m30s"); "" for 0.
func durationText(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return fileInterval(storage.IntervalConfig{Period: d}).Every
}

// saveRule creates (id 0) or replaces an alert rule.
func saveRule(ctx context.Context, db storage.DBTX, id int64, r Rule, ids map[string]map[string]int64) error {
	repeat, _ := time.ParseDuration(orZero(r.Repeat))
	escalate, _ := time.ParseDuration(orZero(r.EscalateAfter))
	in := storage.AlertRuleInput{Name: r.Name, Enabled: r.Enabled == nil || *r.Enabled, Scope: r.Scope,
		Subjects: lookup(r.Subjects, ids[subjectKind[r.Scope]]), Plugins: r.Plugins, Checks: lookup(r.Checks, ids["check"]),
		From: r.From, To: r.To, Repeat: repeat, EscalateAfter: escalate,
		EscalationNotifier: ids["notifier"][r.EscalateTo], Notifiers: lookup(r.Notifiers, ids["notifier"])}
	var err error
	if id == 0 {
		_, err = storage.CreateAlertRule(ctx, db, in)
	} else {
		err = storage.UpdateAlertRule(ctx, db, id, in)
	}
	if err != nil {
		return fmt.Errorf("confyaml: alert rule %q: %w", r.Name, err)
	}
	return nil
}
