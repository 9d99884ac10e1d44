package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/sched"
)

// LeaseStore keeps scheduler leases in scheduler_leases and heartbeats in
// scheduler_nodes (sched.LeaseStore). Exclusivity rests on one statement:
// a lease row is only overwritten when it has expired, and PostgreSQL
// serialises concurrent upserts of one row, re-checking that condition on
// the newest version, so two schedulers never hold a host at once.
type LeaseStore struct{ DB DBTX }

var _ sched.LeaseStore = LeaseStore{}

const heartbeatSQL = `
INSERT INTO scheduler_nodes (id, started_at, heartbeat_at, roles) VALUES ($1, $2, $2, '{sched}')
ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at,
    roles = CASE WHEN 'sched' = ANY(scheduler_nodes.roles) THEN scheduler_nodes.roles
                 ELSE array_append(scheduler_nodes.roles, 'sched') END`

// Heartbeat implements sched.LeaseStore.
func (s LeaseStore) Heartbeat(ctx context.Context, holder string, now time.Time) error {
	if _, err := s.DB.Exec(ctx, heartbeatSQL, holder, now); err != nil {
		return fmt.Errorf("storage: scheduler heartbeat: %w", err)
	}
	return nil
}

const renewLeasesSQL = `
UPDATE scheduler_leases SET expires_at = $3
WHERE holder = $1 AND expires_at > $2
RETURNING host_id, acquired_at, expires_at`

// Renew implements sched.LeaseStore.
func (s LeaseStore) Renew(ctx context.Context, holder string, now, until time.Time) ([]sched.Lease, error) {
	return s.leases(ctx, "renew leases", renewLeasesSQL, holder, now, until)
}

const acquireLeasesSQL = `
INSERT INTO scheduler_leases (host_id, holder, acquired_at, expires_at)
SELECT h.id, $1, $2, $3
FROM hosts h LEFT JOIN scheduler_leases l ON l.host_id = h.id
WHERE h.enabled AND (l.host_id IS NULL OR l.expires_at <= $2)
ORDER BY h.id
LIMIT $4
ON CONFLICT (host_id) DO UPDATE
SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
WHERE scheduler_leases.expires_at <= excluded.acquired_at
RETURNING host_id, acquired_at, expires_at`

// Acquire implements sched.LeaseStore.
func (s LeaseStore) Acquire(ctx context.Context, holder string, now, until time.Time, n int) ([]sched.Lease, error) {
	return s.leases(ctx, "acquire leases", acquireLeasesSQL, holder, now, until, n)
}

const releaseLeasesSQL = `DELETE FROM scheduler_leases WHERE holder = $1 AND host_id = ANY($2)`

// Release implements sched.LeaseStore.
func (s LeaseStore) Release(ctx context.Context, holder string, hosts []int64) error {
	if _, err := s.DB.Exec(ctx, releaseLeasesSQL, holder, hosts); err != nil {
		return fmt.Errorf("storage: release leases: %w", err)
	}
	return nil
}

const leaseShareSQL = `
SELECT (SELECT count(*) FROM hosts WHERE enabled),
       (SELECT count(*) FROM scheduler_nodes WHERE heartbeat_at > $1 AND 'sched' = ANY(roles))`

// Share implements sched.LeaseStore.
func (s LeaseStore) Share(ctx context.Context, since time.Time) (hosts, nodes int, err error) {
	if err := s.DB.QueryRow(ctx, leaseShareSQL, since).Scan(&hosts, &nodes); err != nil {
		return 0, 0, fmt.Errorf("storage: count schedulers: %w", err)
	}
	return hosts, nodes, nil
}

func (s LeaseStore) leases(ctx context.Context, what, sql string, args ...any) ([]sched.Lease, error) {
	rows, err := s.DB.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: %s: %w", what, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sched.Lease, error) {
		var l sched.Lease
		err := r.Scan(&l.HostID, &l.Acquired, &l.Expires)
		l.Acquired, l.Expires = l.Acquired.UTC(), l.Expires.UTC()
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: %s: %w", what, err)
	}
	return out, nil
}
