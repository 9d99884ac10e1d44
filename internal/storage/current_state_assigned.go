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
const assignedSeriesOf = assignedOf + `
	SELECT host_id, plugin_id, coalesce(check_id, 0), classification FROM current_state
	WHERE host_id = ANY($1) AND (check_id IS NULL
		OR (host_id, plugin_id, check_id) IN (SELECT host_id, plugin_id, check_id FROM assigned))
	UNION ALL
	SELECT n.host_id, n.plugin_id, n.check_id, n.classification
	FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::text[]) AS n (host_id, plugin_id, check_id, classification)
	WHERE n.check_id = 0 OR (n.host_id, n.plugin_id, n.check_id) IN (SELECT host_id, plugin_id, check_id FROM assigned)`

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
