package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// AckRow is an open acknowledgement of a host's or service's problem.
type AckRow struct {
	ID        int64     `db:"id"`
	HostID    *int64    `db:"host_id"`
	ServiceID *int64    `db:"service_id"`
	State     string    `db:"state"`
	Comment   string    `db:"comment"`
	User      string    `db:"username"`
	CreatedAt time.Time `db:"created_at"`
}

// OpenAcks lists the acknowledgements not yet cleared by a recovery,
// newest first.
func OpenAcks(ctx context.Context, db DBTX) ([]AckRow, error) {
	rows, _ := db.Query(ctx, `SELECT a.id, a.host_id, a.service_id, a.state, a.comment,
			coalesce(u.username, '') AS username, a.created_at
		FROM acknowledgements a LEFT JOIN users u ON u.id = a.user_id
		WHERE a.cleared_at IS NULL ORDER BY a.created_at DESC, a.id DESC`)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[AckRow])
	if err != nil {
		return nil, fmt.Errorf("storage: open acknowledgements: %w", mapErr(err))
	}
	return out, nil
}
