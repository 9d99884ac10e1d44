package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// Series identifies one row of current_state: a host × plugin × check.
// CheckID 0 stands for pushed results (NULL in the table).
type Series struct {
	HostID   int64
	PluginID string
	CheckID  int64
}

// CurrentState is the latest result of one series and since when its
// classification holds.
type CurrentState struct {
	Series
	Time           time.Time
	Value          *float64
	Message        string
	Status         string
	Classification state.State
	Reason         string
	Since          time.Time
}

// LockCurrentStates loads the current state of every series in keys and
// locks those rows until the transaction ends, so the state changes derived
// from them cannot interleave with another writer's. Series without a row
// are absent from the map.
func LockCurrentStates(ctx context.Context, db DBTX, keys []Series) (map[Series]CurrentState, error) {
	const q = `SELECT cs.host_id, cs.plugin_id, coalesce(cs.check_id, 0), cs.time, cs.value, cs.message,
			cs.status, cs.classification, cs.reason, cs.since
		FROM current_state cs
		JOIN unnest($1::bigint[], $2::text[], $3::bigint[]) AS k (host_id, plugin_id, check_id)
			ON cs.host_id = k.host_id AND cs.plugin_id = k.plugin_id
			AND coalesce(cs.check_id, 0) = k.check_id
		ORDER BY cs.host_id, cs.plugin_id, cs.check_id
		FOR UPDATE OF cs`
	hosts, plugins, checks := seriesArrays(keys)
	rows, _ := db.Query(ctx, q, hosts, plugins, checks)
	out := make(map[Series]CurrentState, len(keys))
	var cs CurrentState
	_, err := pgx.ForEachRow(rows, []any{&cs.HostID, &cs.PluginID, &cs.CheckID, &cs.Time, &cs.Value, &cs.Message,
		&cs.Status, &cs.Classification, &cs.Reason, &cs.Since}, func() error {
		out[cs.Series] = cs
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: lock current state of %d series: %w", len(keys), mapErr(err))
	}
	return out, nil
}

// UpsertCurrentStates writes rows in one statement. A row older than the
// stored one (a late result) never replaces it, and a row of a check
// deleted meanwhile is skipped: its results are kept, its state is gone.
func UpsertCurrentStates(ctx context.Context, db DBTX, rows []CurrentState) error {
	const q = `INSERT INTO current_state AS cs (host_id, plugin_id, check_id, time, value, message, status,
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
	n := len(rows)
	hosts, plugins, checks := make([]int64, n), make([]string, n), make([]int64, n)
	times, values, msgs := make([]time.Time, n), make([]*float64, n), make([]string, n)
	statuses, classes, reasons, since := make([]string, n), make([]string, n), make([]string, n), make([]time.Time, n)
	for i, r := range rows {
		hosts[i], plugins[i], checks[i] = r.HostID, r.PluginID, r.CheckID
		times[i], values[i], msgs[i] = r.Time, r.Value, r.Message
		statuses[i], classes[i], reasons[i], since[i] = r.Status, string(r.Classification), r.Reason, r.Since
	}
	_, err := db.Exec(ctx, q, hosts, plugins, checks, times, values, msgs, statuses, classes, reasons, since)
	if err != nil {
		return fmt.Errorf("storage: upsert current state of %d series: %w", n, mapErr(err))
	}
	return nil
}

func seriesArrays(keys []Series) (hosts []int64, plugins []string, checks []int64) {
	for _, k := range keys {
		hosts, plugins, checks = append(hosts, k.HostID), append(plugins, k.PluginID), append(checks, k.CheckID)
	}
	return hosts, plugins, checks
}
