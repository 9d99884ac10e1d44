package query

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// Message is one result of a plugin whose view is a message table.
type Message struct {
	Time    time.Time
	State   state.State
	Message string
}

// messagesSQL skips repeats: only results whose message or classification
// differs from the previous result of the series are listed.
const messagesSQL = `SELECT time, classification, message FROM (
		SELECT time, classification, message,
			lag(message) OVER w IS DISTINCT FROM message OR lag(classification) OVER w IS DISTINCT FROM classification AS changed
		FROM results
		WHERE host_id = $1 AND plugin_id = $2 AND ($3 = 0 OR check_id = $3) AND time >= $4 AND time < $5
		WINDOW w AS (PARTITION BY check_id ORDER BY time)) r
	WHERE changed ORDER BY time DESC LIMIT $6`

// LoadMessages returns the results of key in [from, to) that said
// something new (message or classification changed), newest first, at most
// limit of them.
func LoadMessages(ctx context.Context, db Querier, key SeriesKey, from, to time.Time, limit int) ([]Message, error) {
	rows, _ := db.Query(ctx, messagesSQL, key.HostID, key.PluginID, key.CheckID, from, to, limit)
	var out []Message
	var m Message
	_, err := pgx.ForEachRow(rows, []any{&m.Time, &m.State, &m.Message}, func() error {
		out = append(out, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query: messages of host %d plugin %q: %w", key.HostID, key.PluginID, err)
	}
	return out, nil
}
