package alert

import (
	"context"
	"fmt"
	"time"
)

// Handle records health transitions, in the order they happened: each
// watching rule's state is updated and a notification is queued when the
// rule matches (or a recovery is owed). Nothing is sent here, so ingest is
// never held up by a slow channel; Tick sends.
func (e *Engine) Handle(ctx context.Context, trs []Transition) error {
	setup, err := e.loadSetup(ctx)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.load(ctx); err != nil {
		return err
	}
	now := e.cfg.Now()
	changed := map[Key]*Status{}
	var recovered []SubjectRef
	for _, tr := range trs {
		if tr.Subject == SubjectHostGroup {
			continue // recorded by ingest, not alerted: host_groups rules watch the hosts
		}
		if (tr.Subject != SubjectHost && tr.Subject != SubjectService) || !tr.From.Valid() || !tr.To.Valid() {
			e.log.Warn("transition ignored", "subject", tr.Subject, "id", tr.SubjectID, "from", tr.From, "to", tr.To)
			continue
		}
		ref := SubjectRef{tr.Subject, tr.SubjectID}
		if !tr.To.IsProblem() && tr.From.IsProblem() {
			recovered = append(recovered, ref)
		}
		for _, r := range setup.Rules {
			if !r.Watches(tr, setup.groupsOf) {
				continue
			}
			k := Key{r.ID, ref}
			st := e.states[k]
			if st == nil {
				st = &Status{Key: k}
				e.states[k] = st
			}
			apply(st, r, tr, now)
			changed[k] = st
		}
	}
	return e.persist(ctx, changed, recovered, now)
}

// apply moves one rule × subject state along one transition.
func apply(st *Status, r Rule, tr Transition, now time.Time) {
	if tr.At.IsZero() {
		tr.At = now // escalation and messages need a time
	}
	// Since marks the start of the episode: moving between problem states
	// (minor → critical) does not restart the escalation clock.
	if st.Since.IsZero() || st.State.IsProblem() != tr.To.IsProblem() {
		st.Since = tr.At
	}
	st.State, st.Last = tr.To, tr
	switch {
	case tr.To.IsProblem() && r.Matches(tr):
		if st.Pending != KindProblem {
			st.Pending, st.PendingSince = KindProblem, now
		}
	case tr.To.IsProblem():
		// A change the rule does not ask about; a flap back into a problem
		// within the group window cancels the queued recovery.
		if st.Pending == KindRecovery {
			st.Pending = ""
		}
	case st.Notified.IsProblem():
		// Owed, whatever the rule's states and any maintenance window.
		st.Pending, st.PendingSince, st.Muted = KindRecovery, now, ""
	default:
		// Recovered before anything went out: nothing to say.
		st.Pending, st.Muted = "", ""
	}
	if !tr.To.IsProblem() {
		st.Escalated = time.Time{}
	}
}

// persist saves changed states, plus any whose earlier save failed, and
// clears acknowledgements of recovered subjects; callers hold e.mu.
func (e *Engine) persist(ctx context.Context, changed map[Key]*Status, recovered []SubjectRef, now time.Time) error {
	for k := range e.dirty {
		if st := e.states[k]; st != nil {
			changed[k] = st
		}
	}
	rows := make([]Status, 0, len(changed))
	for _, st := range changed {
		rows = append(rows, *st)
	}
	if len(rows) > 0 {
		if err := e.cfg.Store.SaveStates(ctx, rows); err != nil {
			for k := range changed {
				e.dirty[k] = true
			}
			return fmt.Errorf("alert: save states: %w", err)
		}
		clear(e.dirty)
	}
	if len(recovered) > 0 {
		if err := e.cfg.Store.ClearAcks(ctx, recovered, now); err != nil {
			return fmt.Errorf("alert: clear acknowledgements: %w", err)
		}
	}
	return nil
}
