package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// TestRepeatAcknowledgeEscalateInDatabase: with settings read from the
// rule's row, a problem repeats every 10 minutes, escalates to the webhook
// after 15, and an acknowledgement (then a restart) stops both until the
// recovery clears it.
func TestRepeatAcknowledgeEscalateInDatabase(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	hook := w.insert(`SELECT id FROM notifiers WHERE name = 'hook'`)
	w.exec(`UPDATE alert_rules SET repeat_interval = '10 minutes', escalate_after = '15 minutes', escalation_notifier_id = $1
		WHERE id = $2`, hook, w.rule)
	w.exec(`DELETE FROM alert_rule_notifiers WHERE rule_id = $1 AND notifier_id <> (SELECT id FROM notifiers WHERE name = 'mail')`, w.rule)
	w.change("ok", "critical")
	w.tick(2 * time.Second)
	w.tick(10 * time.Minute)
	mails := w.smtp.Mails()
	if len(mails) != 2 || !strings.Contains(mails[1].Data, "REPEAT") {
		t.Fatalf("want the problem and one repeat, got %d mails", len(mails))
	}
	w.tick(5 * time.Minute)
	if hooks, _ := w.hooks.payloads(); len(hooks) != 1 || hooks[0].Kind != alert.KindEscalation {
		t.Fatalf("escalation = %+v", hooks)
	}
	host := alert.SubjectRef{Kind: alert.SubjectHost, ID: w.host}
	if err := storage.Acknowledge(ctx, w.db, host, state.Critical, "rebooting it", 0); err != nil {
		t.Fatal(err)
	}
	w.restart()
	w.tick(time.Hour)
	if n := len(w.smtp.Mails()); n != 2 {
		t.Fatalf("%d mails after the acknowledgement, want no more repeats", n)
	}
	w.change("critical", "ok")
	w.tick(2 * time.Second)
	if mails := w.smtp.Mails(); len(mails) != 3 || !strings.Contains(mails[2].Data, "RECOVERY") {
		t.Fatalf("no recovery: %d mails", len(mails))
	}
	if acked, _ := storage.OpenAcknowledgements(ctx, w.db); len(acked) != 0 {
		t.Fatalf("acknowledgement not cleared on recovery: %v", acked)
	}
	w.change("ok", "critical") // a new problem alerts and repeats again
	w.tick(2 * time.Second)
	w.tick(10 * time.Minute)
	if n := len(w.smtp.Mails()); n != 5 {
		t.Fatalf("%d mails, want a new problem and its repeat after the acknowledged one recovered", n)
	}
}
