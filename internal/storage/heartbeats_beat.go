package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// RecordBeat records a heartbeat named name at now and returns it.
func RecordBeat(ctx context.Context, db DBTX, name string, now time.Time) (Heartbeat, error) {
	rows, _ := db.Query(ctx, `UPDATE heartbeats b SET last_beat = greatest(b.last_beat, $2) FROM hosts h
		WHERE b.name = $1 AND h.id = b.host_id RETURNING `+heartbeatColumns, name, now)
	hb, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Heartbeat])
	if err != nil {
		return Heartbeat{}, fmt.Errorf("storage: record heartbeat %q: %w", name, mapErr(err))
	}
	return hb, nil
}

// ClaimMissedHeartbeats returns the heartbeats overdue at now (nothing
// since the last beat, or since creation, for a whole period) that have
// not been reported missed in the current period, and marks them
// reported. The claim is one UPDATE, so two core processes never both
// report the same miss.
func ClaimMissedHeartbeats(ctx context.Context, db DBTX, now time.Time) ([]Heartbeat, error) {
	const q = `UPDATE heartbeats b SET missed_at = $1 FROM hosts h
		WHERE h.id = b.host_id
			AND coalesce(b.last_beat, b.created_at) + b.period <= $1
			AND (b.missed_at IS NULL OR b.missed_at < coalesce(b.last_beat, b.created_at)
				OR b.missed_at + b.period <= $1)
		RETURNING ` + heartbeatColumns
	rows, _ := db.Query(ctx, q, now)
	hbs, err := pgx.CollectRows(rows, pgx.RowToStructByName[Heartbeat])
	if err != nil {
		return nil, fmt.Errorf("storage: claim missed heartbeats: %w", mapErr(err))
	}
	return hbs, nil
}

// ReleaseMissedHeartbeat undoes the claim made at `at` on heartbeat id when
// its missed result could not be handed on, so the next check reports it.
func ReleaseMissedHeartbeat(ctx context.Context, db DBTX, id int64, at time.Time) error {
	_, err := db.Exec(ctx, `UPDATE heartbeats SET missed_at = NULL WHERE id = $1 AND missed_at = $2`, id, at)
	if err != nil {
		return fmt.Errorf("storage: release heartbeat %d: %w", id, mapErr(err))
	}
	return nil
}
