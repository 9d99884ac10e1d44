package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert"
)

// appendAlertLogQuery writes entries from parallel arrays in one
// statement; references to rules, notifiers, hosts or services deleted in
// the meantime become NULL (the names are kept), as ON DELETE SET NULL
// would have done.
const appendAlertLogQuery = `INSERT INTO alert_log (time, rule_id, rule_name, notifier_id, notifier_name, host_id, service_id,
		subject_name, kind, from_state, to_state, outcome, reason, attempt)
	SELECT e.time, (SELECT id FROM alert_rules WHERE id = e.rule_id), e.rule_name,
		(SELECT id FROM notifiers WHERE id = e.notifier_id), e.notifier_name,
		(SELECT id FROM hosts WHERE id = e.host_id), (SELECT id FROM services WHERE id = e.service_id),
		e.subject_name, e.kind, e.from_state, e.to_state, e.outcome, e.reason, e.attempt
	FROM unnest($1::timestamptz[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::bigint[],
		$8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::int[])
		AS e(time, rule_id, rule_name, notifier_id, notifier_name, host_id, service_id,
			subject_name, kind, from_state, to_state, outcome, reason, attempt)`

// AppendAlertLog writes notification attempts in one statement.
func AppendAlertLog(ctx context.Context, db DBTX, entries []alert.LogEntry) error {
	n := len(entries)
	times := make([]time.Time, n)
	rules, notifiers, hosts, services := make([]*int64, n), make([]*int64, n), make([]*int64, n), make([]*int64, n)
	ruleNames, notifierNames, subjects := make([]string, n), make([]string, n), make([]string, n)
	kinds, outcomes, reasons := make([]string, n), make([]string, n), make([]string, n)
	froms, tos := make([]*string, n), make([]*string, n)
	attempts := make([]int32, n)
	for i, e := range entries {
		times[i], rules[i], ruleNames[i] = e.At, alertNilID(e.RuleID), e.RuleName
		notifiers[i], notifierNames[i] = alertNilID(e.ChannelID), e.ChannelName
		hosts[i], services[i] = alertSubjectIDs(e.Subject)
		subjects[i], kinds[i] = e.SubjectName, string(e.Kind)
		froms[i], tos[i] = alertNilString(string(e.From)), alertNilString(string(e.To))
		outcomes[i], reasons[i], attempts[i] = string(e.Outcome), e.Reason, int32(max(e.Attempts, 1))
	}
	_, err := db.Exec(ctx, appendAlertLogQuery, times, rules, ruleNames, notifiers, notifierNames, hosts, services,
		subjects, kinds, froms, tos, outcomes, reasons, attempts)
	if err != nil {
		return fmt.Errorf("storage: append alert log: %w", mapErr(err))
	}
	return nil
}

// AlertLogEntry is one line of the alert log as pages and the API show it.
type AlertLogEntry struct {
	ID           int64     `db:"id"`
	Time         time.Time `db:"time"`
	RuleID       *int64    `db:"rule_id"`
	RuleName     string    `db:"rule_name"`
	NotifierName string    `db:"notifier_name"`
	HostID       *int64    `db:"host_id"`
	ServiceID    *int64    `db:"service_id"`
	SubjectName  string    `db:"subject_name"`
	Kind         string    `db:"kind"`
	FromState    *string   `db:"from_state"`
	ToState      *string   `db:"to_state"`
	Outcome      string    `db:"outcome"`
	Reason       string    `db:"reason"`
	Attempt      int32     `db:"attempt"`
}

// RecentAlertLog returns the newest entries first, at most limit.
func RecentAlertLog(ctx context.Context, db DBTX, limit int) ([]AlertLogEntry, error) {
	const q = `SELECT id, time, rule_id, rule_name, notifier_name, host_id, service_id, subject_name,
			kind, from_state, to_state, outcome, reason, attempt
		FROM alert_log ORDER BY time DESC, id DESC LIMIT $1`
	rows, _ := db.Query(ctx, q, limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[AlertLogEntry])
	if err != nil {
		return nil, fmt.Errorf("storage: read alert log: %w", mapErr(err))
	}
	return out, nil
}
