package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
)

// OpenAcknowledgements returns the subjects someone is working on.
func OpenAcknowledgements(ctx context.Context, db DBTX) (map[alert.SubjectRef]bool, error) {
	const q = `SELECT host_id, service_id FROM acknowledgements WHERE cleared_at IS NULL`
	rows, err := db.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("storage: load acknowledgements: %w", mapErr(err))
	}
	out := map[alert.SubjectRef]bool{}
	var host, service *int64
	_, err = pgx.ForEachRow(rows, []any{&host, &service}, func() error {
		out[alertSubjectRef(host, service)] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: load acknowledgements: %w", mapErr(err))
	}
	return out, nil
}

// Acknowledge records that a user is on the problem of a host or service,
// which stops repeats and escalation until the subject recovers. A second
// acknowledgement of the same open problem replaces the comment.
func Acknowledge(ctx context.Context, db DBTX, s alert.SubjectRef, problem state.State, comment string, userID int64) error {
	const q = `INSERT INTO acknowledgements (host_id, service_id, state, comment, user_id)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (host_id, service_id) WHERE cleared_at IS NULL
		DO UPDATE SET state = EXCLUDED.state, comment = EXCLUDED.comment, user_id = EXCLUDED.user_id, created_at = now()`
	host, service := alertSubjectIDs(s)
	if _, err := db.Exec(ctx, q, host, service, string(problem), comment, alertNilID(userID)); err != nil {
		return fmt.Errorf("storage: acknowledge: %w", mapErr(err))
	}
	return nil
}

// ClearAcknowledgements closes the open acknowledgements of subjects that
// recovered, so the next problem alerts again.
func ClearAcknowledgements(ctx context.Context, db DBTX, subjects []alert.SubjectRef, at time.Time) error {
	const q = `UPDATE acknowledgements SET cleared_at = greatest($3, created_at)
		WHERE cleared_at IS NULL AND (host_id = ANY($1) OR service_id = ANY($2))`
	var hosts, services []int64
	for _, s := range subjects {
		if s.Kind == alert.SubjectService {
			services = append(services, s.ID)
		} else {
			hosts = append(hosts, s.ID)
		}
	}
	if _, err := db.Exec(ctx, q, hosts, services, at); err != nil {
		return fmt.Errorf("storage: clear acknowledgements: %w", mapErr(err))
	}
	return nil
}
