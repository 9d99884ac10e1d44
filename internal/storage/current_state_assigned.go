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
const assignedSeriesOf = assignedOf + `
	SELECT host_id, plugin_id, coalesce(check_id, 0), classification FROM current_state
	WHERE host_id = ANY($1) AND (check_id IS NULL
		OR (host_id, plugin_id, check_id) IN (SELECT host_id, plugin_id, check_id FROM assigned))`

// QueueAssignedSeries adds to b reading, for the hosts ids, the current
// states that count towards their health, into into. The ingest path
// reads them once, after writing a batch's states: the health after is
// their worst, and the health before is their worst with the batch's
// series at their previous state, so one query serves both. The caller
// turns JIT off in its transaction first (see withoutJIT for why).
func QueueAssignedSeries(b *pgx.Batch, ids []int64, into *[]SeriesState) {
	b.Queue(assignedSeriesOf, ids).Query(func(rows pgx.Rows) error {
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
