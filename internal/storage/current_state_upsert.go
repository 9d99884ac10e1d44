package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// upsertCurrentStatesQuery writes current states given as parallel arrays.
// A row older than the stored one (a late result) never replaces it, and a
// row of a check deleted meanwhile is skipped: its results are kept, its
// state is gone.
const upsertCurrentStatesQuery = `INSERT INTO current_state AS cs (host_id, plugin_id, check_id, time, value, message, status,
		classification, severity, reason, since)
	SELECT host_id, plugin_id, nullif(check_id, 0), time, value, message, status,
		classification, prophasis_severity(classification), reason, since
	FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::timestamptz[], $5::float8[], $6::text[],
		$7::text[], $8::text[], $9::text[], $10::timestamptz[])
		AS u (host_id, plugin_id, check_id, time, value, message, status, classification, reason, since)
	WHERE check_id = 0 OR EXISTS (SELECT 1 FROM checks c WHERE c.id = u.check_id)
	ORDER BY host_id, plugin_id, check_id
	ON CONFLICT (host_id, plugin_id, check_id) DO UPDATE SET
		time = excluded.time, value = excluded.value, message = excluded.message,
		status = excluded.status, classification = excluded.classification,
		severity = excluded.severity, reason = excluded.reason, since = excluded.since
	WHERE cs.time <= excluded.time`

// UpsertCurrentStates writes rows in one statement (see
// upsertCurrentStatesQuery for late rows and deleted checks).
func UpsertCurrentStates(ctx context.Context, db DBTX, rows []CurrentState) error {
	if _, err := db.Exec(ctx, upsertCurrentStatesQuery, currentStateArrays(rows)...); err != nil {
		return fmt.Errorf("storage: upsert current state of %d series: %w", len(rows), mapErr(err))
	}
	return nil
}

// QueueUpsertCurrentStates is UpsertCurrentStates added to b, so the
// ingest path sends it with its other statements in one round trip.
func QueueUpsertCurrentStates(b *pgx.Batch, rows []CurrentState) {
	b.Queue(upsertCurrentStatesQuery, currentStateArrays(rows)...)
}

// updateCurrentStatesQuery writes current states over rows that exist,
// each only when the stored row still has the classification and since
// the writer derived it from ($11, $12) and is not newer: a plain UPDATE,
// cheaper than an INSERT that conflicts, and safe without a lock because
// a row another writer changed meanwhile is left alone and reported
// missing from the keys it returns.
const updateCurrentStatesQuery = `UPDATE current_state AS cs SET time = u.time, value = u.value, message = u.message,
		status = u.status, classification = u.classification, severity = prophasis_severity(u.classification),
		reason = u.reason, since = u.since
	FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::timestamptz[], $5::float8[], $6::text[],
		$7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::text[], $12::timestamptz[])
		AS u (host_id, plugin_id, check_id, time, value, message, status, classification, reason, since,
			was_classification, was_since)
	WHERE cs.host_id = u.host_id AND cs.plugin_id = u.plugin_id AND coalesce(cs.check_id, 0) = u.check_id
		AND cs.time <= u.time AND cs.classification = u.was_classification AND cs.since = u.was_since
	RETURNING cs.host_id, cs.plugin_id, coalesce(cs.check_id, 0)`

// Expected is what a writer believes a series' stored current state is:
// the classification and since its new state was derived from.
type Expected struct {
	Classification state.State
	Since          time.Time
}

// QueueUpdateCurrentStates adds to b the update of rows (see
// updateCurrentStatesQuery), was[i] being what rows[i] was derived from;
// the series actually written are appended to into, so the caller learns
// which rows had changed under it.
func QueueUpdateCurrentStates(b *pgx.Batch, rows []CurrentState, was []Expected, into *[]Series) {
	b.Queue(updateCurrentStatesQuery, updateArrays(rows, was)...).Query(func(r pgx.Rows) error {
		if err := scanSeries(r, into); err != nil {
			return fmt.Errorf("storage: update current state of %d series: %w", len(rows), mapErr(err))
		}
		return nil
	})
}

// UpdateCurrentStates is QueueUpdateCurrentStates as one statement of its
// own, returning the series written.
func UpdateCurrentStates(ctx context.Context, db DBTX, rows []CurrentState, was []Expected) ([]Series, error) {
	r, _ := db.Query(ctx, updateCurrentStatesQuery, updateArrays(rows, was)...)
	var out []Series
	if err := scanSeries(r, &out); err != nil {
		return nil, fmt.Errorf("storage: update current state of %d series: %w", len(rows), mapErr(err))
	}
	return out, nil
}

func updateArrays(rows []CurrentState, was []Expected) []any {
	classes, since := make([]string, len(was)), make([]time.Time, len(was))
	for i, w := range was {
		classes[i], since[i] = string(w.Classification), w.Since
	}
	return append(currentStateArrays(rows), classes, since)
}

func scanSeries(rows pgx.Rows, into *[]Series) error {
	var s Series
	_, err := pgx.ForEachRow(rows, []any{&s.HostID, &s.PluginID, &s.CheckID}, func() error {
		*into = append(*into, s)
		return nil
	})
	return err
}

// currentStateArrays are the parameters of both queries for rows.
func currentStateArrays(rows []CurrentState) []any {
	n := len(rows)
	hosts, plugins, checks := make([]int64, n), make([]string, n), make([]int64, n)
	times, values, msgs := make([]time.Time, n), make([]*float64, n), make([]string, n)
	statuses, classes, reasons, since := make([]string, n), make([]string, n), make([]string, n), make([]time.Time, n)
	for i, r := range rows {
		hosts[i], plugins[i], checks[i] = r.HostID, r.PluginID, r.CheckID
		times[i], values[i], msgs[i] = r.Time, r.Value, r.Message
		statuses[i], classes[i], reasons[i], since[i] = r.Status, string(r.Classification), r.Reason, r.Since
	}
	return []any{hosts, plugins, checks, times, values, msgs, statuses, classes, reasons, since}
}
