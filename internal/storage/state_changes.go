package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// StateChange is a change of classification of one series: the input of
// availability reports.
type StateChange struct {
	Series
	Time     time.Time
	From, To state.State
	Value    *float64
	Message  string
}

var stateChangeColumns = []string{"time", "host_id", "plugin_id", "check_id", "from_state", "to_state", "value", "message"}

// CopyStateChanges appends changes to state_changes.
func CopyStateChanges(ctx context.Context, db DBTX, changes []StateChange) error {
	_, err := db.CopyFrom(ctx, pgx.Identifier{"state_changes"}, stateChangeColumns, pgx.CopyFromSlice(len(changes), func(i int) ([]any, error) {
		c := &changes[i]
		return []any{c.Time, c.HostID, c.PluginID, nullID(c.CheckID), string(c.From), string(c.To), c.Value, c.Message}, nil
	}))
	if err != nil {
		return fmt.Errorf("storage: copy %d state changes: %w", len(changes), mapErr(err))
	}
	return nil
}

// QueueStateChanges is CopyStateChanges added to b as one INSERT from
// arrays: a batch's classification changes are few (a COPY would cost a
// round trip of its own), and the ingest path sends them with the current
// state upsert.
func QueueStateChanges(b *pgx.Batch, changes []StateChange) {
	const q = `INSERT INTO state_changes (time, host_id, plugin_id, check_id, from_state, to_state, value, message)
		SELECT time, host_id, plugin_id, nullif(check_id, 0), from_state, to_state, value, message
		FROM unnest($1::timestamptz[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[],
			$7::float8[], $8::text[]) AS u (time, host_id, plugin_id, check_id, from_state, to_state, value, message)`
	n := len(changes)
	times, hosts, plugins, checks := make([]time.Time, n), make([]int64, n), make([]string, n), make([]int64, n)
	from, to, values, msgs := make([]string, n), make([]string, n), make([]*float64, n), make([]string, n)
	for i, c := range changes {
		times[i], hosts[i], plugins[i], checks[i] = c.Time, c.HostID, c.PluginID, c.CheckID
		from[i], to[i], values[i], msgs[i] = string(c.From), string(c.To), c.Value, c.Message
	}
	b.Queue(q, times, hosts, plugins, checks, from, to, values, msgs)
}

// StateChangesOf returns the changes of one host × plugin since `since`,
// oldest first, at most limit of them.
func StateChangesOf(ctx context.Context, db DBTX, hostID int64, pluginID string, since time.Time, limit int) ([]StateChange, error) {
	const q = `SELECT time, host_id, plugin_id, coalesce(check_id, 0), from_state, to_state, value, message
		FROM state_changes WHERE host_id = $1 AND plugin_id = $2 AND time >= $3
		ORDER BY time LIMIT $4`
	rows, _ := db.Query(ctx, q, hostID, pluginID, since, limit)
	var out []StateChange
	var c StateChange
	_, err := pgx.ForEachRow(rows, []any{&c.Time, &c.HostID, &c.PluginID, &c.CheckID, &c.From, &c.To, &c.Value, &c.Message}, func() error {
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: state changes of host %d plugin %q: %w", hostID, pluginID, mapErr(err))
	}
	return out, nil
}
