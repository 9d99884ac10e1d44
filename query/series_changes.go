package query

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// StateChange is one line of a host's state-change log: what a post-mortem
// reads under the graphs.
type StateChange struct {
	Time     time.Time
	PluginID string
	From, To state.State
	Value    *float64
	Message  string
}

const hostChangesSQL = `SELECT time, plugin_id, from_state, to_state, value, message
	FROM state_changes WHERE host_id = $1 AND time >= $2 AND time < $3
	ORDER BY time DESC LIMIT $4`

// HostStateChanges returns a host's state changes in [from, to), newest
// first, at most limit of them.
func HostStateChanges(ctx context.Context, db Querier, hostID int64, from, to time.Time, limit int) ([]StateChange, error) {
	rows, _ := db.Query(ctx, hostChangesSQL, hostID, from, to, limit)
	var out []StateChange
	var c StateChange
	_, err := pgx.ForEachRow(rows, []any{&c.Time, &c.PluginID, &c.From, &c.To, &c.Value, &c.Message}, func() error {
		out = append(out, c)
		c = StateChange{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query: state changes of host %d: %w", hostID, err)
	}
	return out, nil
}
