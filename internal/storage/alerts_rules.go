package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// AlertRuleInput is an alert rule as forms and the API edit it: the row
// and its link tables. Subjects are host, host-group or service ids per
// Scope; Repeat and EscalateAfter 0 mean never.
type AlertRuleInput struct {
	Name               string
	Enabled            bool
	Scope              string
	Subjects           []int64
	Plugins            []string
	Checks             []int64
	From, To           []string
	Repeat             time.Duration
	EscalateAfter      time.Duration
	EscalationNotifier int64
	Notifiers          []int64
}

// CreateAlertRule inserts a rule with its links in one transaction.
func CreateAlertRule(ctx context.Context, db DBTX, in AlertRuleInput) (int64, error) {
	const q = `INSERT INTO alert_rules (name, enabled, scope_kind, from_states, to_states, repeat_interval,
			escalate_after, escalation_notifier_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`
	var id int64
	err := alertInTx(ctx, db, func(tx DBTX) error {
		err := tx.QueryRow(ctx, q, in.Name, in.Enabled, in.Scope, in.From, in.To, alertInterval(in.Repeat),
			alertInterval(in.EscalateAfter), alertNilID(in.EscalationNotifier)).Scan(&id)
		if err != nil {
			return err
		}
		return writeRuleLinks(ctx, tx, id, in)
	})
	if err != nil {
		return 0, fmt.Errorf("storage: create alert rule: %w", mapErr(err))
	}
	return id, nil
}

// UpdateAlertRule replaces a rule and its links.
func UpdateAlertRule(ctx context.Context, db DBTX, id int64, in AlertRuleInput) error {
	const q = `UPDATE alert_rules SET name = $2, enabled = $3, scope_kind = $4, from_states = $5, to_states = $6,
			repeat_interval = $7, escalate_after = $8, escalation_notifier_id = $9
		WHERE id = $1`
	err := alertInTx(ctx, db, func(tx DBTX) error {
		tag, err := tx.Exec(ctx, q, id, in.Name, in.Enabled, in.Scope, in.From, in.To, alertInterval(in.Repeat),
			alertInterval(in.EscalateAfter), alertNilID(in.EscalationNotifier))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return pgx.ErrNoRows
		}
		for _, t := range []string{"alert_rule_hosts", "alert_rule_host_groups", "alert_rule_services",
			"alert_rule_plugins", "alert_rule_checks", "alert_rule_notifiers"} {
			if _, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE rule_id = $1", id); err != nil {
				return err
			}
		}
		return writeRuleLinks(ctx, tx, id, in)
	})
	if err != nil {
		return fmt.Errorf("storage: update alert rule %d: %w", id, mapErr(err))
	}
	return nil
}

// writeRuleLinks fills the link tables from in; the subjects go to the
// table of the rule's scope.
func writeRuleLinks(ctx context.Context, tx DBTX, id int64, in AlertRuleInput) error {
	subjects := map[string]string{
		"hosts":       `INSERT INTO alert_rule_hosts (rule_id, host_id) SELECT $1, unnest($2::bigint[])`,
		"host_groups": `INSERT INTO alert_rule_host_groups (rule_id, group_id) SELECT $1, unnest($2::bigint[])`,
		"services":    `INSERT INTO alert_rule_services (rule_id, service_id) SELECT $1, unnest($2::bigint[])`,
	}
	stmts := []struct {
		sql  string
		list any
	}{
		{subjects[in.Scope], in.Subjects},
		{`INSERT INTO alert_rule_plugins (rule_id, plugin_id) SELECT $1, unnest($2::text[])`, in.Plugins},
		{`INSERT INTO alert_rule_checks (rule_id, check_id) SELECT $1, unnest($2::bigint[])`, in.Checks},
		{`INSERT INTO alert_rule_notifiers (rule_id, notifier_id) SELECT $1, unnest($2::bigint[])`, in.Notifiers},
	}
	for _, s := range stmts {
		if s.sql == "" {
			continue
		}
		if _, err := tx.Exec(ctx, s.sql, id, s.list); err != nil {
			return err
		}
	}
	return nil
}

// DeleteAlertRule removes a rule; its state goes with it, its log lines
// stay (with the rule's name).
func DeleteAlertRule(ctx context.Context, db DBTX, id int64) error {
	tag, err := db.Exec(ctx, `DELETE FROM alert_rules WHERE id = $1`, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	if err != nil {
		return fmt.Errorf("storage: delete alert rule %d: %w", id, mapErr(err))
	}
	return nil
}

// alertInTx runs f in a transaction (a savepoint inside the caller's).
func alertInTx(ctx context.Context, db DBTX, f func(DBTX) error) error {
	b, ok := db.(interface {
		Begin(context.Context) (pgx.Tx, error)
	})
	if !ok {
		return f(db)
	}
	return pgx.BeginFunc(ctx, b, func(tx pgx.Tx) error { return f(tx) })
}

// alertInterval stores 0 as NULL ("never").
func alertInterval(d time.Duration) *time.Duration {
	if d <= 0 {
		return nil
	}
	return &d
}

// AlertRuleForm loads a rule as AlertRuleInput, for editing.
func AlertRuleForm(ctx context.Context, db DBTX, id int64) (AlertRuleInput, error) {
	q := `SELECT * FROM (` + alertRulesQuery + `) r WHERE r.id = $1`
	rows, _ := db.Query(ctx, q, id)
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[ruleRow])
	if err != nil {
		return AlertRuleInput{}, fmt.Errorf("storage: load alert rule %d: %w", id, mapErr(err))
	}
	return AlertRuleInput{
		Name: r.Name, Enabled: r.Enabled, Scope: r.Scope, Subjects: r.Subjects, Plugins: r.Plugins, Checks: r.Checks,
		From: r.From, To: r.To, Repeat: alertSeconds(r.Repeat), EscalateAfter: alertSeconds(r.Escalate),
		EscalationNotifier: alertDeref(r.EscalateTo), Notifiers: r.Notifiers,
	}, nil
}
