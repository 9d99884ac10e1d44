package alert

import (
	"context"
	"errors"
	"fmt"

	"github.com/prophasis/prophasis/internal/state"
)

// ErrNoRule is returned by SendTest for a rule id that does not exist.
var ErrNoRule = errors.New("alert: no such rule")

// SendTest sends a test notification for a rule to each of its channels
// once, without retries, so a user sees at once whether the settings work.
// Every attempt is written to the alert log; the error joins the failures.
func (e *Engine) SendTest(ctx context.Context, ruleID int64) error {
	setup, err := e.cfg.Store.Setup(ctx) // always fresh: the user just edited the rule
	if err != nil {
		return fmt.Errorf("alert: load setup: %w", err)
	}
	r, ok := setup.rule(ruleID)
	if !ok {
		return ErrNoRule
	}
	now := e.cfg.Now()
	tr := Transition{Subject: SubjectHost, Name: "test (" + r.Name + ")", From: state.OK, To: state.Critical, At: now,
		Message: "This is a test notification from Prophasis."}
	note, err := e.cfg.Templates.Render(KindTest, r.Name, []Transition{tr})
	if err != nil {
		return err
	}
	st := Status{Last: tr}
	var errs []error
	var logs []LogEntry
	for _, ch := range append(append([]Channel(nil), r.Channels...), r.Escalation...) {
		tctx, cancel := context.WithTimeout(ctx, e.cfg.SendTimeout)
		_, err := ch.Notifier.Notify(tctx, note)
		cancel()
		outcome, reason := OutcomeSent, ""
		if err != nil {
			outcome, reason = OutcomeFailed, err.Error()
			errs = append(errs, fmt.Errorf("%s: %w", ch.Name, err))
		}
		logs = append(logs, logEntry(r, ch, st, KindTest, now, outcome, reason, 1))
	}
	if len(logs) == 0 {
		return fmt.Errorf("alert: rule %q has no notifiers", r.Name)
	}
	if err := e.cfg.Store.AppendLog(ctx, logs); err != nil {
		return fmt.Errorf("alert: append log: %w", err)
	}
	return errors.Join(errs...)
}
