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

// lockCurrentStatesQuery reads the current state of the series given as
// three parallel arrays and locks those rows.
const lockCurrentStatesQuery = `SELECT cs.host_id, cs.plugin_id, coalesce(cs.check_id, 0), cs.time, cs.value, cs.message,
		cs.status, cs.classification, cs.reason, cs.since
	FROM current_state cs
	JOIN unnest($1::bigint[], $2::text[], $3::bigint[]) AS k (host_id, plugin_id, check_id)
		ON cs.host_id = k.host_id AND cs.plugin_id = k.plugin_id
		AND coalesce(cs.check_id, 0) = k.check_id
	ORDER BY cs.host_id, cs.plugin_id, cs.check_id
	FOR UPDATE OF cs`

// LockCurrentStates loads the current state of every series in keys and
// locks those rows until the transaction ends, so the state changes derived
// from them cannot interleave with another writer's. Series without a row
// are absent from the map.
func LockCurrentStates(ctx context.Context, db DBTX, keys []Series) (map[Series]CurrentState, error) {
	hosts, plugins, checks := seriesArrays(keys)
	rows, _ := db.Query(ctx, lockCurrentStatesQuery, hosts, plugins, checks)
	out := make(map[Series]CurrentState, len(keys))
	if err := scanCurrentStates(rows, out); err != nil {
		return nil, fmt.Errorf("storage: lock current state of %d series: %w", len(keys), mapErr(err))
	}
	return out, nil
}

// QueueLockCurrentStates is LockCurrentStates added to b, so the ingest
// path sends it with BEGIN in one round trip; the states land in into.
func QueueLockCurrentStates(b *pgx.Batch, keys []Series, into map[Series]CurrentState) {
	hosts, plugins, checks := seriesArrays(keys)
	b.Queue(lockCurrentStatesQuery, hosts, plugins, checks).Query(func(rows pgx.Rows) error {
		if err := scanCurrentStates(rows, into); err != nil {
			return fmt.Errorf("storage: lock current state of %d series: %w", len(keys), mapErr(err))
		}
		return nil
	})
}

func scanCurrentStates(rows pgx.Rows, into map[Series]CurrentState) error {
	var cs CurrentState
	_, err := pgx.ForEachRow(rows, []any{&cs.HostID, &cs.PluginID, &cs.CheckID, &cs.Time, &cs.Value, &cs.Message,
		&cs.Status, &cs.Classification, &cs.Reason, &cs.Since}, func() error {
		into[cs.Series] = cs
		return nil
	})
	return err
}

func seriesArrays(keys []Series) (hosts []int64, plugins []string, checks []int64) {
	for _, k := range keys {
		hosts, plugins, checks = append(hosts, k.HostID), append(plugins, k.PluginID), append(checks, k.CheckID)
	}
	return hosts, plugins, checks
}
