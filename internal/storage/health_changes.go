package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

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

// QueueHealthChanges is CopyHealthChanges added to b as one INSERT from
// arrays, so the ingest path sends the few changes of a batch with its
// COMMIT.
func QueueHealthChanges(b *pgx.Batch, changes []HealthChange) {
	const q = `INSERT INTO health_changes (time, host_id, host_group_id, service_id, from_state, to_state)
		SELECT time, nullif(host_id, 0), nullif(host_group_id, 0), nullif(service_id, 0), from_state, to_state
		FROM unnest($1::timestamptz[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[])
			AS u (time, host_id, host_group_id, service_id, from_state, to_state)`
	n := len(changes)
	times, hosts, groups, services := make([]time.Time, n), make([]int64, n), make([]int64, n), make([]int64, n)
	from, to := make([]string, n), make([]string, n)
	for i, c := range changes {
		times[i], hosts[i], groups[i], services[i] = c.Time, c.HostID, c.HostGroupID, c.ServiceID
		from[i], to[i] = string(c.From), string(c.To)
	}
	b.Queue(q, times, hosts, groups, services, from, to)
}
