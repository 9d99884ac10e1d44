package alert

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v5"
)

// send renders a batch once and delivers it to every channel in parallel,
// retrying failing channels with backoff. It reports whether any channel
// delivered, and one log entry per subject and channel.
func (e *Engine) send(ctx context.Context, b batch, now time.Time) (bool, []LogEntry) {
	trs := make([]Transition, len(b.members))
	for i, m := range b.members {
		trs[i] = m.Last
	}
	if len(b.channels) == 0 {
		var logs []LogEntry
		for _, m := range b.members {
			logs = append(logs, logEntry(b.rule, Channel{}, m, b.kind, now, OutcomeFailed, "rule has no enabled notifier", 1))
		}
		return false, logs
	}
	note, err := e.cfg.Templates.Render(b.kind, b.rule.Name, trs)
	if err != nil {
		return false, e.fail(b, now, err)
	}
	type result struct {
		attempts int
		err      error
	}
	results := make([]result, len(b.channels))
	var wg sync.WaitGroup
	for i, ch := range b.channels {
		wg.Go(func() {
			n, err := e.deliver(ctx, ch, note)
			results[i] = result{n, err}
		})
	}
	wg.Wait()
	sent := false
	var logs []LogEntry
	for i, ch := range b.channels {
		outcome, reason := OutcomeSent, ""
		if results[i].err != nil {
			outcome, reason = OutcomeFailed, results[i].err.Error()
			e.log.Warn("notification failed", "rule", b.rule.Name, "channel", ch.Name, "kind", b.kind, "err", results[i].err)
		} else {
			sent = true
		}
		for _, m := range b.members {
			logs = append(logs, logEntry(b.rule, ch, m, b.kind, now, outcome, reason, results[i].attempts))
		}
	}
	return sent, logs
}

// deliver calls one channel until it succeeds, fails permanently or runs
// out of tries; each attempt has its own timeout.
func (e *Engine) deliver(ctx context.Context, ch Channel, note Notification) (int, error) {
	attempts := 0
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		attempts++
		actx, cancel := context.WithTimeout(ctx, e.cfg.SendTimeout)
		defer cancel()
		retry, err := ch.Notifier.Notify(actx, note)
		if err != nil && !retry {
			return struct{}{}, backoff.Permanent(err)
		}
		return struct{}{}, err
	}, backoff.WithBackOff(e.cfg.Backoff()), backoff.WithMaxTries(e.cfg.MaxTries), backoff.WithMaxElapsedTime(0))
	var perm *backoff.PermanentError
	if errors.As(err, &perm) {
		err = perm.Unwrap()
	}
	return attempts, err
}

// fail logs a batch that could not even be rendered as failed everywhere.
func (e *Engine) fail(b batch, now time.Time, err error) []LogEntry {
	e.log.Error("notification not rendered", "rule", b.rule.Name, "err", err)
	var logs []LogEntry
	for _, ch := range b.channels {
		for _, m := range b.members {
			logs = append(logs, logEntry(b.rule, ch, m, b.kind, now, OutcomeFailed, err.Error(), 1))
		}
	}
	return logs
}

func logEntry(r Rule, ch Channel, st Status, kind Kind, now time.Time, outcome Outcome, reason string, attempts int) LogEntry {
	return LogEntry{
		At: now, RuleID: r.ID, RuleName: r.Name, ChannelID: ch.ID, ChannelName: ch.Name,
		Subject: st.Subject, SubjectName: st.Last.Name, Kind: kind, From: st.Last.From, To: st.Last.To,
		Outcome: outcome, Reason: reason, Attempts: max(attempts, 1),
	}
}
