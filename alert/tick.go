package alert

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"
)

// batch is one notification to send: a rule, a kind, the channels and the
// subjects it groups.
type batch struct {
	rule     Rule
	kind     Kind
	channels []Channel
	members  []Status // copies taken when the batch was formed
}

// Tick sends what is due at the engine's clock: queued notifications whose
// group window has closed (held back while a maintenance window covers a
// problem), repeats and escalations. Tests call it directly after moving
// the clock; Run calls it periodically.
func (e *Engine) Tick(ctx context.Context) error {
	e.tickMu.Lock()
	defer e.tickMu.Unlock()
	setup, err := e.loadSetup(ctx)
	if err != nil {
		return err
	}
	now := e.cfg.Now()
	e.mu.Lock()
	if err := e.load(ctx); err != nil {
		e.mu.Unlock()
		return err
	}
	batches, changed, logs := e.due(setup, now)
	err = e.persist(ctx, changed, nil, now)
	e.mu.Unlock()
	if err != nil {
		return err
	}
	// Batches go out in parallel so one slow or failing channel, retried
	// with backoff, does not hold back the other rules' messages.
	sent := make([]bool, len(batches))
	entries := make([][]LogEntry, len(batches))
	var wg sync.WaitGroup
	for i, b := range batches {
		wg.Go(func() { sent[i], entries[i] = e.send(ctx, b, now) })
	}
	wg.Wait()
	e.mu.Lock()
	done := map[Key]*Status{}
	for i, b := range batches {
		logs = append(logs, entries[i]...)
		maps.Copy(done, e.record(b, sent[i], now))
	}
	err = e.persist(ctx, done, nil, now)
	e.mu.Unlock()
	// The log is written even when saving failed: what was sent was sent.
	if len(logs) > 0 {
		if lerr := e.cfg.Store.AppendLog(ctx, logs); lerr != nil {
			err = errors.Join(err, fmt.Errorf("alert: append log: %w", lerr))
		}
	}
	return err
}

// due forms the batches to send now; callers hold e.mu.
func (e *Engine) due(setup Setup, now time.Time) ([]batch, map[Key]*Status, []LogEntry) {
	byKind := map[batchKey]*batch{}
	changed := map[Key]*Status{}
	var logs []LogEntry
	add := func(r Rule, kind Kind, chans []Channel, st *Status) {
		k := batchKey{r.ID, kind}
		if byKind[k] == nil {
			byKind[k] = &batch{rule: r, kind: kind, channels: chans}
		}
		byKind[k].members = append(byKind[k].members, *st)
	}
	for k, st := range e.states {
		r, ok := setup.rule(k.RuleID)
		if !ok || r.Disabled {
			continue
		}
		reason := ""
		if st.State.IsProblem() {
			reason = muteReason(setup.Windows, st.Last, now, setup.groupsOf)
		}
		owed := st.State.IsProblem() && st.Notified.IsProblem() && !setup.Acked[k.Subject]
		if owed && r.Repeat > 0 && st.Pending == "" && now.Sub(st.LastNotified) >= r.Repeat {
			st.Pending, st.PendingSince = KindRepeat, now.Add(-e.cfg.GroupWait)
			changed[k] = st
		}
		if owed && reason == "" && r.EscalateAfter > 0 && len(r.Escalation) > 0 &&
			st.Escalated.IsZero() && now.Sub(st.Since) >= r.EscalateAfter {
			add(r, KindEscalation, r.Escalation, st)
		}
		if st.Pending == "" || now.Before(st.PendingSince.Add(e.cfg.GroupWait)) {
			continue
		}
		if st.Pending != KindRecovery && reason != "" {
			if st.Muted != reason {
				st.Muted = reason
				changed[k] = st
				logs = append(logs, logEntry(r, Channel{}, *st, st.Pending, now, OutcomeMuted, reason, 0))
			}
			continue
		}
		add(r, st.Pending, r.Channels, st)
	}
	batches := make([]batch, 0, len(byKind))
	for _, b := range byKind {
		slices.SortFunc(b.members, func(x, y Status) int { return cmp.Compare(x.Last.Name, y.Last.Name) })
		batches = append(batches, *b)
	}
	slices.SortFunc(batches, func(x, y batch) int {
		return cmp.Or(cmp.Compare(x.rule.ID, y.rule.ID), cmp.Compare(x.kind, y.kind))
	})
	return batches, changed, logs
}

type batchKey struct {
	rule int64
	kind Kind
}

// record applies the outcome of a batch to the live states; sent tells
// whether at least one channel delivered. Callers hold e.mu.
func (e *Engine) record(b batch, sent bool, now time.Time) map[Key]*Status {
	changed := map[Key]*Status{}
	for _, m := range b.members {
		st := e.states[m.Key]
		if st == nil {
			continue
		}
		changed[m.Key] = st
		if b.kind == KindEscalation {
			if sent {
				st.Escalated = now
			}
			continue
		}
		if st.Pending == b.kind && st.PendingSince.Equal(m.PendingSince) {
			st.Pending, st.Muted = "", ""
		}
		if !sent {
			continue
		}
		st.Notified, st.LastNotified = m.Last.To, now
		if b.kind == KindRecovery {
			st.Escalated = time.Time{}
		}
		// Recovered while the problem was on its way: the recovery is owed.
		if st.Notified.IsProblem() && !st.State.IsProblem() && st.Pending == "" {
			st.Pending, st.PendingSince = KindRecovery, now
		}
	}
	return changed
}
