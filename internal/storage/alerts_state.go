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

// saveAlertStatesQuery upserts from parallel arrays in one statement. The
// rule, host or service may have been deleted since the engine read it;
// then the row is simply not written.
const saveAlertStatesQuery = `INSERT INTO alert_state (rule_id, host_id, service_id, state, state_since,
		notified_state, last_notified_at, escalated_at, pending, pending_since, muted_reason, last_transition, updated_at)
	SELECT s.rule_id, s.host_id, s.service_id, s.state, s.state_since, s.notified_state, s.last_notified_at,
		s.escalated_at, s.pending, s.pending_since, s.muted_reason, s.last_transition::jsonb, now()
	FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[], $6::text[],
		$7::timestamptz[], $8::timestamptz[], $9::text[], $10::timestamptz[], $11::text[], $12::text[])
		AS s(rule_id, host_id, service_id, state, state_since, notified_state, last_notified_at,
			escalated_at, pending, pending_since, muted_reason, last_transition)
	WHERE EXISTS (SELECT 1 FROM alert_rules WHERE id = s.rule_id)
		AND (s.host_id IS NULL OR EXISTS (SELECT 1 FROM hosts WHERE id = s.host_id))
		AND (s.service_id IS NULL OR EXISTS (SELECT 1 FROM services WHERE id = s.service_id))
	ON CONFLICT (rule_id, host_id, service_id) DO UPDATE SET
		state = EXCLUDED.state, state_since = EXCLUDED.state_since, notified_state = EXCLUDED.notified_state,
		last_notified_at = EXCLUDED.last_notified_at, escalated_at = EXCLUDED.escalated_at,
		pending = EXCLUDED.pending, pending_since = EXCLUDED.pending_since,
		muted_reason = EXCLUDED.muted_reason, last_transition = EXCLUDED.last_transition, updated_at = now()`

// SaveAlertStates upserts states (unique by rule and subject) in one
// statement.
func SaveAlertStates(ctx context.Context, db DBTX, states []alert.Status) error {
	n := len(states)
	rules, hosts, services := make([]int64, n), make([]*int64, n), make([]*int64, n)
	st8s, notified, pending, muted, last := make([]string, n), make([]*string, n), make([]*string, n), make([]string, n), make([]string, n)
	since, notifiedAt, escalated, pendingSince := make([]time.Time, n), make([]*time.Time, n), make([]*time.Time, n), make([]*time.Time, n)
	for i, st := range states {
		b, err := json.Marshal(st.Last)
		if err != nil {
			return fmt.Errorf("storage: encode transition: %w", err)
		}
		rules[i], last[i], st8s[i], since[i], muted[i] = st.RuleID, string(b), string(st.State), st.Since, st.Muted
		hosts[i], services[i] = alertSubjectIDs(st.Subject)
		// The schema keeps each state column with its time: both or neither.
		if notifiedAt[i] = alertNilTime(st.LastNotified); notifiedAt[i] != nil {
			notified[i] = alertNilString(string(st.Notified))
		}
		if pending[i] = alertNilString(string(st.Pending)); pending[i] != nil {
			pendingSince[i] = alertNilTime(st.PendingSince)
		}
		escalated[i] = alertNilTime(st.Escalated)
	}
	_, err := db.Exec(ctx, saveAlertStatesQuery, rules, hosts, services, st8s, since, notified, notifiedAt,
		escalated, pending, pendingSince, muted, last)
	if err != nil {
		return fmt.Errorf("storage: save alert states: %w", mapErr(err))
	}
	return nil
}
