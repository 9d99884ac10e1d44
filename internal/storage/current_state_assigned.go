package storage

import (
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/internal/state"
)

// SeriesState is the classification of one series that counts towards its
// host's health.
type SeriesState struct {
	Series
	Classification state.State
}

// assignedSeriesOf lists the current states that make the health of the
// hosts in $1 (see assignedHealthAll): their worst is the host's health.
// The series in $2..$5 (host, plugin, check or 0, classification) have no
// row yet: those among them that will count are listed with the
// classification given.
const assignedSeriesOf = assignedOf + `, fresh AS (
		SELECT * FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::text[]) AS n (host_id, plugin_id, check_id, classification)
	)
	SELECT host_id, plugin_id, check_id, classification FROM counted
	UNION ALL
	SELECT host_id, plugin_id, check_id, classification FROM fresh WHERE check_id = 0
	UNION ALL
	SELECT n.host_id, n.plugin_id, n.check_id, n.classification FROM fresh n
	JOIN assigned a ON a.host_id = n.host_id AND a.plugin_id = n.plugin_id AND a.check_id = n.check_id`

// QueueAssignedSeries adds to b reading, for the hosts ids, the series
// that count towards their health with their committed classification,
// into into; fresh are series about to be created, listed when they will
// count. The ingest path reads them on a connection of its own while the
// batch's transaction writes (see readHealth), so one query gives the
// health both before and after the batch. The caller turns JIT off in its
// transaction first (see withoutJIT for why).
func QueueAssignedSeries(b *pgx.Batch, ids []int64, fresh []SeriesState, into *[]SeriesState) {
	n := len(fresh)
	hosts, plugins, checks, classes := make([]int64, n), make([]string, n), make([]int64, n), make([]string, n)
	for i, f := range fresh {
		hosts[i], plugins[i], checks[i], classes[i] = f.HostID, f.PluginID, f.CheckID, string(f.Classification)
	}
	b.Queue(assignedSeriesOf, ids, hosts, plugins, checks, classes).Query(func(rows pgx.Rows) error {
		var s SeriesState
		_, err := pgx.ForEachRow(rows, []any{&s.HostID, &s.PluginID, &s.CheckID, &s.Classification}, func() error {
			*into = append(*into, s)
			return nil
		})
		if err != nil {
			return fmt.Errorf("storage: assigned series of %d hosts: %w", len(ids), mapErr(err))
		}
		return nil
	})
}
