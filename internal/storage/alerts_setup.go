package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
)

// NotifierRow is a configured notifier as stored: kind, public settings
// (JSON) and the secret settings sealed with the server secret.
type NotifierRow struct {
	ID       int64  `db:"id"`
	Name     string `db:"name"`
	Kind     string `db:"kind"`
	Settings []byte `db:"settings"`
	Secrets  []byte `db:"secrets_encrypted"`
}

// ChannelBuilder turns a notifier row into a working notifier; it lives
// with the channel packages so storage does not import them.
type ChannelBuilder func(NotifierRow) (alert.Notifier, error)

// brokenNotifier stands in for a notifier whose settings cannot be used,
// so the problem shows up in the alert log instead of silencing the rule.
type brokenNotifier struct{ err error }

func (b brokenNotifier) Notify(context.Context, alert.Notification) (bool, error) {
	return false, b.err
}

// AlertChannels loads every enabled notifier, built into channels by id.
func AlertChannels(ctx context.Context, db DBTX, build ChannelBuilder) (map[int64]alert.Channel, error) {
	const q = `SELECT id, name, kind, settings, secrets_encrypted FROM notifiers WHERE enabled ORDER BY id`
	rows, _ := db.Query(ctx, q)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[NotifierRow])
	if err != nil {
		return nil, fmt.Errorf("storage: load notifiers: %w", mapErr(err))
	}
	out := make(map[int64]alert.Channel, len(list))
	for _, n := range list {
		notifier, err := build(n)
		if err != nil {
			notifier = brokenNotifier{fmt.Errorf("notifier %q is misconfigured: %w", n.Name, err)}
		}
		out[n.ID] = alert.Channel{ID: n.ID, Name: n.Name, Notifier: notifier}
	}
	return out, nil
}

// ruleRow is alert_rules with its link tables folded into arrays.
type ruleRow struct {
	ID         int64    `db:"id"`
	Name       string   `db:"name"`
	Enabled    bool     `db:"enabled"`
	Scope      string   `db:"scope_kind"`
	From       []string `db:"from_states"`
	To         []string `db:"to_states"`
	Repeat     float64  `db:"repeat_s"`
	Escalate   float64  `db:"escalate_s"`
	EscalateTo *int64   `db:"escalation_notifier_id"`
	Subjects   []int64  `db:"subjects"`
	Plugins    []string `db:"plugins"`
	Checks     []int64  `db:"checks"`
	Notifiers  []int64  `db:"notifiers"`
}

const alertRulesQuery = `SELECT r.id, r.name, r.enabled, r.scope_kind, r.from_states, r.to_states,
		coalesce(extract(epoch FROM r.repeat_interval), 0)::float8 AS repeat_s,
		coalesce(extract(epoch FROM r.escalate_after), 0)::float8 AS escalate_s,
		r.escalation_notifier_id,
		CASE r.scope_kind
			WHEN 'hosts' THEN array(SELECT host_id FROM alert_rule_hosts WHERE rule_id = r.id ORDER BY 1)
			WHEN 'host_groups' THEN array(SELECT group_id FROM alert_rule_host_groups WHERE rule_id = r.id ORDER BY 1)
			WHEN 'services' THEN array(SELECT service_id FROM alert_rule_services WHERE rule_id = r.id ORDER BY 1)
			ELSE '{}'::bigint[] END AS subjects,
		array(SELECT plugin_id FROM alert_rule_plugins WHERE rule_id = r.id ORDER BY 1) AS plugins,
		array(SELECT check_id FROM alert_rule_checks WHERE rule_id = r.id ORDER BY 1) AS checks,
		array(SELECT notifier_id FROM alert_rule_notifiers WHERE rule_id = r.id ORDER BY 1) AS notifiers
	FROM alert_rules r ORDER BY r.id`

// AlertRules loads every rule (disabled ones marked, so they can be tested)
// with its channels; links to disabled notifiers are left out.
func AlertRules(ctx context.Context, db DBTX, channels map[int64]alert.Channel) ([]alert.Rule, error) {
	rows, _ := db.Query(ctx, alertRulesQuery)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[ruleRow])
	if err != nil {
		return nil, fmt.Errorf("storage: load alert rules: %w", mapErr(err))
	}
	out := make([]alert.Rule, 0, len(list))
	for _, r := range list {
		rule := alert.Rule{
			ID: r.ID, Name: r.Name, Disabled: !r.Enabled, Scope: alert.Scope(r.Scope), Subjects: r.Subjects,
			Plugins: r.Plugins, Checks: r.Checks, From: alertStates(r.From), To: alertStates(r.To),
			Repeat: alertSeconds(r.Repeat), EscalateAfter: alertSeconds(r.Escalate),
		}
		for _, id := range r.Notifiers {
			if ch, ok := channels[id]; ok {
				rule.Channels = append(rule.Channels, ch)
			}
		}
		if r.EscalateTo != nil {
			if ch, ok := channels[*r.EscalateTo]; ok {
				rule.Escalation = []alert.Channel{ch}
			}
		}
		out = append(out, rule)
	}
	return out, nil
}

func alertStates(names []string) []state.State {
	out := make([]state.State, len(names))
	for i, n := range names {
		out[i] = state.State(n)
	}
	return out
}

func alertSeconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// LoadAlertSetup reads the whole alerting configuration for the engine.
func LoadAlertSetup(ctx context.Context, db DBTX, build ChannelBuilder, now time.Time) (alert.Setup, error) {
	channels, err := AlertChannels(ctx, db, build)
	if err != nil {
		return alert.Setup{}, err
	}
	var s alert.Setup
	var errs [4]error
	s.Rules, errs[0] = AlertRules(ctx, db, channels)
	s.Windows, errs[1] = MaintenanceWindows(ctx, db, now)
	s.Acked, errs[2] = OpenAcknowledgements(ctx, db)
	s.Groups, errs[3] = HostGroupsOfHosts(ctx, db)
	if err := errors.Join(errs[:]...); err != nil {
		return alert.Setup{}, err
	}
	return s, nil
}
