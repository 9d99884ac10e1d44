package ingest

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// store writes one batch in one transaction: the results, the current
// state of their series, the classification changes and the host and
// service health changes. It returns the health transitions for the alert
// engine. Every statement is set-based over the batch, so the number of
// queries does not depend on its size, and they travel in pipelines: BEGIN
// with the lock on the series' states, then the COPY, then the current
// states with COMMIT — three round trips, as a plain COPY in a
// transaction. Host health is read only when some classification changed,
// and only for the hosts that changed; see writeChanges.
func (w *Writer) store(ctx context.Context, batch []item) ([]alert.Transition, error) {
	ctx, cancel := context.WithTimeout(ctx, w.cfg.WriteTimeout)
	defer cancel()
	batch = slices.Clone(batch)
	slices.SortStableFunc(batch, func(a, b item) int { return a.row.Time.Compare(b.row.Time) })
	conn, err := w.db.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("ingest: connection: %w", err)
	}
	defer conn.Release()
	trs, err := write(ctx, conn, batch)
	if err != nil && conn.Conn().PgConn().TxStatus() != 'I' {
		// On failure the pool drops a connection still in a transaction.
		_, _ = conn.Exec(ctx, "ROLLBACK")
	}
	return trs, err
}

// write runs the batch transaction on conn.
func write(ctx context.Context, conn *pgxpool.Conn, batch []item) ([]alert.Transition, error) {
	keys := seriesOf(batch)
	prev := make(map[storage.Series]storage.CurrentState, len(keys))
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	storage.QueueLockCurrentStates(b, keys, prev)
	if err := send(ctx, conn, b, "lock current state"); err != nil {
		return nil, err
	}
	rows := make([]storage.Result, len(batch))
	for i := range batch {
		rows[i] = batch[i].row
	}
	if _, err := storage.CopyResults(ctx, conn, rows); err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	states, changes := derive(prev, batch)
	if len(changes) > 0 {
		return writeChanges(ctx, conn, batch, states, prev, changes)
	}
	b = &pgx.Batch{}
	queueStates(b, states, prev)
	b.Queue("COMMIT")
	return nil, send(ctx, conn, b, "current state")
}

// writeChanges finishes a batch that changed some classifications: it
// sends the current states with the state changes, the series that make
// the health of the hosts concerned (hostHealth derives it before and
// after the batch) and the group and service structure (one round trip),
// derives host, group and service transitions and commits with their
// health changes. Host health depends only on the host's current states,
// so a host with no change in the batch cannot change health.
func writeChanges(ctx context.Context, conn *pgxpool.Conn, batch []item, states []storage.CurrentState,
	prev map[storage.Series]storage.CurrentState, changes []storage.StateChange) ([]alert.Transition, error) {
	hosts := changedHosts(changes)
	var counted []storage.SeriesState
	b := &pgx.Batch{}
	b.Queue("SET LOCAL jit = off") // see storage.withoutJIT
	queueStates(b, states, prev)
	storage.QueueStateChanges(b, changes)
	storage.QueueAssignedSeries(b, hosts, &counted)
	structure := query.QueueStructure(b)
	if err := send(ctx, conn, b, "current state and changes"); err != nil {
		return nil, err
	}
	before, after := hostHealth(hosts, counted, prev, states)
	trs, hc := hostTransitions(before, after, batch, changes)
	strs, shc, err := serviceTransitions(ctx, inTx{conn}, structure, trs, after)
	if err != nil {
		return nil, err
	}
	trs, hc = append(trs, strs...), append(hc, shc...)
	b = &pgx.Batch{}
	if len(hc) > 0 {
		storage.QueueHealthChanges(b, hc)
	}
	b.Queue("COMMIT")
	if err := send(ctx, conn, b, "health changes"); err != nil {
		return nil, err
	}
	return trs, nil
}

// queueStates adds writing the new current states to b: an update of the
// series locked in prev, an upsert of the new ones.
func queueStates(b *pgx.Batch, states []storage.CurrentState, prev map[storage.Series]storage.CurrentState) {
	var old, fresh []storage.CurrentState
	for _, s := range states {
		if _, ok := prev[s.Series]; ok {
			old = append(old, s)
		} else {
			fresh = append(fresh, s)
		}
	}
	if len(old) > 0 {
		storage.QueueUpdateCurrentStates(b, old)
	}
	if len(fresh) > 0 {
		storage.QueueUpsertCurrentStates(b, fresh)
	}
}

// send runs b as one pipeline and reports the first failure.
func send(ctx context.Context, conn *pgxpool.Conn, b *pgx.Batch, what string) error {
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("ingest: write %s: %w", what, err)
	}
	return nil
}

// inTx hides the connection's Begin from storage helpers that would open a
// transaction of their own (withoutJIT): the batch transaction is already
// open, with JIT off, and a nested BEGIN/ROLLBACK would end it.
type inTx struct{ storage.DBTX }
