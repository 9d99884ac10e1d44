package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/storage"
)

// store writes one batch in one transaction: the results, the current
// state of the series whose classification changed or that are new, the
// classification changes and the host and service health changes. It
// returns the health transitions for the alert engine. Every statement is
// set-based over the batch, so the number of queries does not depend on
// its size, and they travel in pipelines: a batch whose series are all
// cached (see stateCache) is BEGIN with the changes, the COPY, and COMMIT
// (with the health changes when some classification changed) — the three
// round trips of a plain COPY in a transaction. Host health is read only
// when some classification changed, only for the hosts that changed, and
// on a second connection while the batch writes; see readHealth.
func (w *Writer) store(ctx context.Context, batch []item) ([]alert.Transition, error) {
	ctx, cancel := context.WithTimeout(ctx, w.cfg.WriteTimeout)
	defer cancel()
	byTime := func(a, b item) int { return a.row.Time.Compare(b.row.Time) }
	if !slices.IsSortedFunc(batch, byTime) { // the caller's order is kept for its retries
		batch = slices.Clone(batch)
		slices.SortStableFunc(batch, byTime)
	}
	bs := seriesOf(batch)
	conn, err := w.db.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("ingest: connection: %w", err)
	}
	defer conn.Release()
	if hosts := w.takeForget(); len(hosts) > 0 {
		w.states.forgetHosts(hosts)
	}
	done, err := write(ctx, w.db, conn, batch, bs, w.states)
	if errors.Is(err, errStale) {
		// Another writer changed some of these series: read them all again,
		// under lock this time, and derive the batch once more.
		rollback(ctx, conn)
		w.states.forget(bs.keys)
		done, err = write(ctx, w.db, conn, batch, bs, w.states)
	}
	if err != nil {
		rollback(ctx, conn)
		return nil, err
	}
	w.states.remember(done.states, done.synced, time.Now())
	return done.transitions, nil
}

// errStale reports a conditional current-state update that found a row
// changed since the cache read it.
var errStale = errors.New("ingest: current state changed by another writer")

// rollback ends a failed transaction; on failure the pool drops a
// connection still in a transaction.
func rollback(ctx context.Context, conn *pgxpool.Conn) {
	if conn.Conn().PgConn().TxStatus() != 'I' {
		_, _ = conn.Exec(ctx, "ROLLBACK")
	}
}

// written is what a committed batch leaves for the writer: the health
// transitions, the new state of every series of the batch and which of
// those the transaction wrote to current_state.
type written struct {
	transitions []alert.Transition
	states      []storage.CurrentState
	synced      map[storage.Series]storage.CurrentState
}

// write runs the batch transaction on conn. The series not in cache are
// read and locked with BEGIN, in a round trip of its own; the batch is
// derived from the cache before anything else is sent, so its current
// states and classification changes go with BEGIN (or right after the
// lock) and the COPY follows. When some classification changed, its health
// is derived meanwhile on a second connection from db (readHealth), and
// the health changes go with COMMIT.
func write(ctx context.Context, db DB, conn *pgxpool.Conn, batch []item, bs batchSeries, cache *stateCache) (written, error) {
	prev, unknown := cache.lookup(bs.keys)
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	if len(unknown) > 0 {
		storage.QueueLockCurrentStates(b, unknown, prev)
		if err := send(ctx, conn, b, "lock current state"); err != nil {
			return written{}, err
		}
		b = &pgx.Batch{}
	}
	states, changes := derive(prev, batch, bs)
	sync := syncStates(states, prev, changes)
	done := written{states: states, synced: sync.states()}
	var health *healthRead
	if len(changes) > 0 {
		health = readHealth(ctx, db, healthInput{batch: batch, prev: prev, written: done.synced, changes: changes})
		defer health.abandon() // a no-op once waited for
		queueChanges(b, &sync, changes)
	} else {
		sync.queue(b)
	}
	if b.Len() > 0 {
		if err := send(ctx, conn, b, "current state"); err != nil {
			return written{}, err
		}
	}
	if len(sync.updated) < len(sync.update) {
		return written{}, errStale
	}
	rows := make([]storage.Result, len(batch))
	for i := range batch {
		rows[i] = batch[i].row
	}
	if _, err := storage.CopyResults(ctx, conn, rows); err != nil {
		return written{}, fmt.Errorf("ingest: %w", err)
	}
	b = &pgx.Batch{}
	if health != nil {
		trs, hc, err := health.wait()
		if err != nil {
			return written{}, err
		}
		done.transitions = trs
		if len(hc) > 0 {
			storage.QueueHealthChanges(b, hc)
		}
	}
	b.Queue("COMMIT")
	return done, send(ctx, conn, b, "commit")
}

// queueChanges adds to b the changed and new series' current states and
// the state changes. They are planned generically, as the health reads
// are (see deriveHealth).
func queueChanges(b *pgx.Batch, sync *syncSet, changes []storage.StateChange) {
	b.Queue("SET LOCAL jit = off") // see storage.withoutJIT
	b.Queue("SET LOCAL plan_cache_mode = force_generic_plan")
	sync.queue(b)
	storage.QueueStateChanges(b, changes)
}

// syncSet is the current states a batch writes in its own transaction:
// series whose classification changed (update, conditional on what they
// were derived from, was) and series with no row yet (fresh, upserted).
type syncSet struct {
	update  []storage.CurrentState
	was     []storage.Expected
	fresh   []storage.CurrentState
	updated []storage.Series // filled in when the update has run
}

func syncStates(states []storage.CurrentState, prev map[storage.Series]storage.CurrentState, changes []storage.StateChange) syncSet {
	changed := make(map[storage.Series]bool, len(changes))
	for _, c := range changes {
		changed[c.Series] = true
	}
	var s syncSet
	for _, st := range states {
		p, ok := prev[st.Series]
		switch {
		case !ok:
			s.fresh = append(s.fresh, st)
		case changed[st.Series]:
			s.update = append(s.update, st)
			s.was = append(s.was, storage.Expected{Classification: p.Classification, Since: p.Since})
		}
	}
	return s
}

func (s *syncSet) queue(b *pgx.Batch) {
	if len(s.update) > 0 {
		storage.QueueUpdateCurrentStates(b, s.update, s.was, &s.updated)
	}
	if len(s.fresh) > 0 {
		storage.QueueUpsertCurrentStates(b, s.fresh)
	}
}

// states are the states written, by series.
func (s *syncSet) states() map[storage.Series]storage.CurrentState {
	out := make(map[storage.Series]storage.CurrentState, len(s.update)+len(s.fresh))
	for _, st := range s.update {
		out[st.Series] = st
	}
	for _, st := range s.fresh {
		out[st.Series] = st
	}
	return out
}

// send runs b as one pipeline and reports the first failure.
func send(ctx context.Context, conn *pgxpool.Conn, b *pgx.Batch, what string) error {
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("ingest: write %s: %w", what, err)
	}
	return nil
}
