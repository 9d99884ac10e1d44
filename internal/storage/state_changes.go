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

// HealthChange is a change of health of a host, a host group or a service
// (exactly one of HostID, HostGroupID and ServiceID is set).
type HealthChange struct {
	Time        time.Time
	HostID      int64
	HostGroupID int64
	ServiceID   int64
	From, To    state.State
}

var healthChangeColumns = []string{"time", "host_id", "host_group_id", "service_id", "from_state", "to_state"}

// CopyHealthChanges appends changes to health_changes, which alerts and
// availability reports read.
func CopyHealthChanges(ctx context.Context, db DBTX, changes []HealthChange) error {
	_, err := db.CopyFrom(ctx, pgx.Identifier{"health_changes"}, healthChangeColumns, pgx.CopyFromSlice(len(changes), func(i int) ([]any, error) {
		c := &changes[i]
		return []any{c.Time, nullID(c.HostID), nullID(c.HostGroupID), nullID(c.ServiceID), string(c.From), string(c.To)}, nil
	}))
	if err != nil {
		return fmt.Errorf("storage: copy %d health changes: %w", len(changes), mapErr(err))
	}
	return nil
}
