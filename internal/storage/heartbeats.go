package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Heartbeat is a dead man's switch: critical when no beat arrives within
// Period. Its results are stored under its own check, CheckID.
type Heartbeat struct {
	ID        int64         `db:"id"`
	Name      string        `db:"name"`
	CheckID   int64         `db:"check_id"`
	HostID    int64         `db:"host_id"`
	HostName  string        `db:"host_name"`
	Period    time.Duration `db:"period"`
	CreatedAt time.Time     `db:"created_at"`
	LastBeat  *time.Time    `db:"last_beat"`
	MissedAt  *time.Time    `db:"missed_at"`
}

const heartbeatColumns = `b.id, b.name, b.check_id, b.host_id, h.name AS host_name, b.period, b.created_at,
	b.last_beat, b.missed_at`

// CreateHeartbeat creates hb with a check of its own (named "heartbeat:
// NAME", on hb's host, running pluginID) and returns its id and check id.
// Run it in a transaction; a taken name is ErrDuplicate.
func CreateHeartbeat(ctx context.Context, db DBTX, hb Heartbeat, pluginID string) (id, checkID int64, err error) {
	err = db.QueryRow(ctx, `INSERT INTO checks (name, description) VALUES ($1, 'Dead man''s switch: see heartbeats.')
		RETURNING id`, "heartbeat: "+hb.Name).Scan(&checkID)
	if err != nil {
		return 0, 0, fmt.Errorf("storage: create heartbeat %q check: %w", hb.Name, mapErr(err))
	}
	if _, err := db.Exec(ctx, `INSERT INTO check_hosts (check_id, host_id) VALUES ($1, $2)`, checkID, hb.HostID); err != nil {
		return 0, 0, fmt.Errorf("storage: create heartbeat %q host: %w", hb.Name, mapErr(err))
	}
	if _, err := db.Exec(ctx, `INSERT INTO check_plugins (check_id, plugin_id) VALUES ($1, $2)`, checkID, pluginID); err != nil {
		return 0, 0, fmt.Errorf("storage: create heartbeat %q plugin: %w", hb.Name, mapErr(err))
	}
	err = db.QueryRow(ctx, `INSERT INTO heartbeats (name, check_id, host_id, period, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, hb.Name, checkID, hb.HostID, hb.Period, hb.CreatedAt).Scan(&id)
	if err != nil {
		return 0, 0, fmt.Errorf("storage: create heartbeat %q: %w", hb.Name, mapErr(err))
	}
	return id, checkID, nil
}

// ListHeartbeats returns every heartbeat by name.
func ListHeartbeats(ctx context.Context, db DBTX) ([]Heartbeat, error) {
	rows, _ := db.Query(ctx, `SELECT `+heartbeatColumns+` FROM heartbeats b JOIN hosts h ON h.id = b.host_id
		ORDER BY b.name`)
	hbs, err := pgx.CollectRows(rows, pgx.RowToStructByName[Heartbeat])
	if err != nil {
		return nil, fmt.Errorf("storage: list heartbeats: %w", mapErr(err))
	}
	return hbs, nil
}

// HeartbeatByName loads one heartbeat.
func HeartbeatByName(ctx context.Context, db DBTX, name string) (Heartbeat, error) {
	rows, _ := db.Query(ctx, `SELECT `+heartbeatColumns+` FROM heartbeats b JOIN hosts h ON h.id = b.host_id
		WHERE b.name = $1`, name)
	hb, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Heartbeat])
	if err != nil {
		return Heartbeat{}, fmt.Errorf("storage: heartbeat %q: %w", name, mapErr(err))
	}
	return hb, nil
}

// DeleteHeartbeat removes a heartbeat with its check.
func DeleteHeartbeat(ctx context.Context, db DBTX, name string) error {
	return execOne(ctx, db, `DELETE FROM checks WHERE id = (SELECT check_id FROM heartbeats WHERE name = $1)`, name)
}
