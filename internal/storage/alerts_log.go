package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert"
)

var alertLogColumns = []string{"time", "rule_id", "rule_name", "notifier_id", "notifier_name", "host_id", "service_id",
	"subject_name", "kind", "from_state", "to_state", "outcome", "reason", "attempt"}

// AppendAlertLog writes notification attempts with COPY.
func AppendAlertLog(ctx context.Context, db DBTX, entries []alert.LogEntry) error {
	_, err := db.CopyFrom(ctx, pgx.Identifier{"alert_log"}, alertLogColumns,
		pgx.CopyFromSlice(len(entries), func(i int) ([]any, error) {
			e := entries[i]
			host, service := alertSubjectIDs(e.Subject)
			return []any{e.At, alertNilID(e.RuleID), e.RuleName, alertNilID(e.ChannelID), e.ChannelName, host, service,
				e.SubjectName, string(e.Kind), alertNilString(string(e.From)), alertNilString(string(e.To)),
				string(e.Outcome), e.Reason, int32(max(e.Attempts, 1))}, nil
		}))
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
