package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
)

const alertStatesQuery = `SELECT rule_id, host_id, service_id, state, state_since, notified_state,
		last_notified_at, escalated_at, pending, pending_since, muted_reason, last_transition
	FROM alert_state`

// AlertStates loads the persisted state of every rule × subject.
func AlertStates(ctx context.Context, db DBTX) ([]alert.Status, error) {
	rows, _ := db.Query(ctx, alertStatesQuery)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (alert.Status, error) {
		var st alert.Status
		var host, service *int64
		var notified, pending *string
		var lastNotified, escalated, pendingSince *time.Time
		var last []byte
		err := row.Scan(&st.RuleID, &host, &service, &st.State, &st.Since, &notified,
			&lastNotified, &escalated, &pending, &pendingSince, &st.Muted, &last)
		if err != nil {
			return st, err
		}
		st.Subject = alertSubjectRef(host, service)
		st.Notified = state.State(alertDeref(notified))
		st.Pending = alert.Kind(alertDeref(pending))
		st.LastNotified, st.Escalated, st.PendingSince = alertZeroTime(lastNotified), alertZeroTime(escalated), alertZeroTime(pendingSince)
		if err := json.Unmarshal(last, &st.Last); err != nil {
			return st, fmt.Errorf("last_transition: %w", err)
		}
		return st, nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: load alert states: %w", mapErr(err))
	}
	return out, nil
}

// The rule, host or service may have been deleted since the engine read
// it; then the row is simply not written.
const saveAlertStateQuery = `INSERT INTO alert_state (rule_id, host_id, service_id, state, state_since,
		notified_state, last_notified_at, escalated_at, pending, pending_since, muted_reason, last_transition, updated_at)
	SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now()
	WHERE EXISTS (SELECT 1 FROM alert_rules WHERE id = $1)
		AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM hosts WHERE id = $2))
		AND ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM services WHERE id = $3))
	ON CONFLICT (rule_id, host_id, service_id) DO UPDATE SET
		state = EXCLUDED.state, state_since = EXCLUDED.state_since, notified_state = EXCLUDED.notified_state,
		last_notified_at = EXCLUDED.last_notified_at, escalated_at = EXCLUDED.escalated_at,
		pending = EXCLUDED.pending, pending_since = EXCLUDED.pending_since,
		muted_reason = EXCLUDED.muted_reason, last_transition = EXCLUDED.last_transition, updated_at = now()`

// SaveAlertStates upserts states in one round trip.
func SaveAlertStates(ctx context.Context, db DBTX, states []alert.Status) error {
	b := &pgx.Batch{}
	for _, st := range states {
		last, err := json.Marshal(st.Last)
		if err != nil {
			return fmt.Errorf("storage: encode transition: %w", err)
		}
		host, service := alertSubjectIDs(st.Subject)
		notifiedAt := alertNilTime(st.LastNotified)
		notified := alertNilString(string(st.Notified))
		if notifiedAt == nil {
			notified = nil // the schema keeps the two together
		}
		pendingSince := alertNilTime(st.PendingSince)
		if st.Pending == "" {
			pendingSince = nil // likewise
		}
		b.Queue(saveAlertStateQuery, st.RuleID, host, service, st.State, st.Since, notified,
			notifiedAt, alertNilTime(st.Escalated), alertNilString(string(st.Pending)), pendingSince, st.Muted, last)
	}
	if err := alertSendBatch(ctx, db, b); err != nil {
		return fmt.Errorf("storage: save alert states: %w", mapErr(err))
	}
	return nil
}

// alertSendBatch runs a batch on a pool, connection or transaction.
func alertSendBatch(ctx context.Context, db DBTX, b *pgx.Batch) error {
	sender, ok := db.(interface {
		SendBatch(context.Context, *pgx.Batch) pgx.BatchResults
	})
	if !ok {
		for _, q := range b.QueuedQueries {
			if _, err := db.Exec(ctx, q.SQL, q.Arguments...); err != nil {
				return err
			}
		}
		return nil
	}
	return sender.SendBatch(ctx, b).Close()
}
