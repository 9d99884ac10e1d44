package ingest

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// store writes one batch in one transaction: the results, the current
// state of their series, the classification changes and the host and
// service health changes. Host health is read as pages show it: the worst
// current state over the plugins assigned to the host, plus pushed results. It returns the health transitions for the alert engine. Every
// statement is set-based over the batch: the number of queries does not
// depend on its size.
func (w *Writer) store(ctx context.Context, batch []item) ([]alert.Transition, error) {
	ctx, cancel := context.WithTimeout(ctx, w.cfg.WriteTimeout)
	defer cancel()
	batch = slices.Clone(batch)
	slices.SortStableFunc(batch, func(a, b item) int { return a.row.Time.Compare(b.row.Time) })
	keys, hosts := seriesOf(batch)
	var trs []alert.Transition
	err := pgx.BeginFunc(ctx, w.db, func(tx pgx.Tx) error {
		prev, err := storage.LockCurrentStates(ctx, tx, keys)
		if err != nil {
			return err
		}
		before, err := storage.AssignedHostHealth(ctx, tx, hosts)
		if err != nil {
			return err
		}
		rows := make([]storage.Result, len(batch))
		for i := range batch {
			rows[i] = batch[i].row
		}
		if _, err := storage.CopyResults(ctx, tx, rows); err != nil {
			return err
		}
		states, changes := derive(prev, batch)
		if err := storage.UpsertCurrentStates(ctx, tx, states); err != nil {
			return err
		}
		if len(changes) > 0 {
			if err := storage.CopyStateChanges(ctx, tx, changes); err != nil {
				return err
			}
		}
		after, err := storage.AssignedHostHealth(ctx, tx, hosts)
		if err != nil {
			return err
		}
		var hc []storage.HealthChange
		trs, hc = hostTransitions(before, after, batch, changes)
		strs, shc, err := serviceTransitions(ctx, tx, trs)
		if err != nil {
			return err
		}
		trs, hc = append(trs, strs...), append(hc, shc...)
		if len(hc) > 0 {
			return storage.CopyHealthChanges(ctx, tx, hc)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return trs, nil
}

// seriesOf lists the distinct series and hosts of a batch.
func seriesOf(batch []item) ([]storage.Series, []int64) {
	seen := map[storage.Series]bool{}
	var keys []storage.Series
	var hosts []int64
	for _, it := range batch {
		k := seriesKey(it.row)
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
			hosts = append(hosts, k.HostID)
		}
	}
	slices.Sort(hosts)
	return keys, slices.Compact(hosts)
}

func seriesKey(r storage.Result) storage.Series {
	return storage.Series{HostID: r.HostID, PluginID: r.PluginID, CheckID: r.CheckID}
}

// healthOf reads a host's health from a HostHealth map; absent is no data.
func healthOf(m map[int64]state.State, host int64) state.State {
	if s, ok := m[host]; ok {
		return s
	}
	return state.NoData
}
