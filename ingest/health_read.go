package ingest

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/query"
)

// healthRead derives the health transitions of a batch that changed some
// classification, on a connection of its own while the batch's transaction
// writes the states and the COPY runs: the reads it needs (the series that
// make the changed hosts' health, the group and service structure, the
// health of the hosts around them) then cost the batch nothing but the
// wait for the slowest of the two. They see the states as committed before
// the batch; the batch's own writes are laid over them (hostHealth), which
// is what reading them inside its transaction would give. The reads take
// no locks, so holding the batch's row locks while acquiring the second
// connection cannot deadlock on them.
type healthRead struct {
	done        chan struct{}
	cancel      context.CancelFunc
	transitions []alert.Transition
	changes     []storage.HealthChange
	err         error
}

// healthInput is what a batch's health is derived from; readHealth only
// reads it.
type healthInput struct {
	batch   []item
	prev    map[storage.Series]storage.CurrentState
	written map[storage.Series]storage.CurrentState // the states the batch's transaction writes
	changes []storage.StateChange
}

// readHealth starts deriving in's health transitions on a connection from
// db; wait returns them.
func readHealth(ctx context.Context, db DB, in healthInput) *healthRead {
	ctx, cancel := context.WithCancel(ctx)
	r := &healthRead{done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(r.done)
		r.transitions, r.changes, r.err = deriveHealth(ctx, db, in)
	}()
	return r
}

// wait returns the transitions and health changes once derived.
func (r *healthRead) wait() ([]alert.Transition, []storage.HealthChange, error) {
	<-r.done
	r.cancel()
	return r.transitions, r.changes, r.err
}

// abandon stops the reads of a batch that will not commit and waits for
// their connection to be released.
func (r *healthRead) abandon() {
	r.cancel()
	<-r.done
}

func deriveHealth(ctx context.Context, db DB, in healthInput) ([]alert.Transition, []storage.HealthChange, error) {
	conn, err := db.Acquire(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("ingest: health connection: %w", err)
	}
	defer conn.Release()
	defer rollback(ctx, conn) // read only: nothing to commit
	hosts := changedHosts(in.changes)
	var fresh []storage.SeriesState
	for k, st := range in.written {
		if _, ok := in.prev[k]; !ok {
			fresh = append(fresh, storage.SeriesState{Series: k, Classification: st.Classification})
		}
	}
	var counted []storage.SeriesState
	b := &pgx.Batch{}
	b.Queue("BEGIN READ ONLY")
	// Planned generically: with custom plans (what PostgreSQL keeps
	// choosing for the assignment query, whose generic cost it
	// overestimates) planning cost more than running it.
	b.Queue("SET LOCAL jit = off") // see storage.withoutJIT
	b.Queue("SET LOCAL plan_cache_mode = force_generic_plan")
	storage.QueueAssignedSeries(b, hosts, fresh, &counted)
	structure := query.QueueStructure(b)
	if err := send(ctx, conn, b, "health reads"); err != nil {
		return nil, nil, err
	}
	before, after := hostHealth(hosts, counted, in.prev, in.written)
	trs, hc := hostTransitions(before, after, in.batch, in.changes)
	strs, shc, err := serviceTransitions(ctx, inTx{conn}, structure, trs, after)
	if err != nil {
		return nil, nil, err
	}
	return append(trs, strs...), append(hc, shc...), nil
}

// inTx hides the connection's Begin from storage helpers that would open a
// transaction of their own (withoutJIT): the read transaction is already
// open, with JIT off.
type inTx struct{ storage.DBTX }
