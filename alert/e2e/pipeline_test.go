package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/storage"
)

// TestProblemAndRecoveryReachEveryChannel is the acceptance path: ok →
// critical emails and posts a signed webhook; the failing webhook is
// retried, then logged; a restart re-sends nothing; → ok sends the
// recovery everywhere.
func TestProblemAndRecoveryReachEveryChannel(t *testing.T) {
	w := newWorld(t)
	w.change("ok", "critical")
	w.tick(2 * time.Second)
	mails := w.smtp.Mails()
	if len(mails) != 1 || mails[0].To[0] != "oncall@example.com" || !strings.Contains(mails[0].Data, "PROBLEM") {
		t.Fatalf("mails after the problem = %+v", mails)
	}
	hooks, bad := w.hooks.payloads()
	if bad != 0 || len(hooks) != 1 || hooks[0].Kind != alert.KindProblem || hooks[0].Transitions[0].Message != "load <b>high</b>" {
		t.Fatalf("webhooks = %+v (bad signatures: %d)", hooks, bad)
	}

	w.restart()
	w.tick(time.Hour)
	if len(w.smtp.Mails()) != 1 {
		t.Fatal("a restart re-sent the problem")
	}

	w.change("critical", "ok")
	w.tick(2 * time.Second)
	mails = w.smtp.Mails()
	if len(mails) != 2 || !strings.Contains(mails[1].Data, "RECOVERY") {
		t.Fatalf("no recovery mail: %d mails", len(mails))
	}
	if hooks, _ = w.hooks.payloads(); len(hooks) != 2 || hooks[1].Kind != alert.KindRecovery {
		t.Fatalf("no recovery webhook: %+v", hooks)
	}

	log, err := storage.RecentAlertLog(context.Background(), w.db, 100)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, l := range log {
		count[l.NotifierName+" "+l.Kind+" "+l.Outcome]++
		if l.NotifierName == "broken" && (l.Attempt != 3 || !strings.Contains(l.Reason, "503") || strings.Contains(l.Reason, "TOKEN")) {
			t.Errorf("broken webhook entry = %+v (want 3 attempts, the status, and no URL)", l)
		}
	}
	want := map[string]int{"mail problem sent": 1, "hook problem sent": 1, "broken problem failed": 1,
		"mail recovery sent": 1, "hook recovery sent": 1, "broken recovery failed": 1}
	for k, v := range want {
		if count[k] != v {
			t.Errorf("alert log %q: %d entries, want %d (all: %v)", k, count[k], v, count)
		}
	}
}

func TestSendTest(t *testing.T) {
	w := newWorld(t)
	err := w.eng.SendTest(context.Background(), w.rule)
	if err == nil || !strings.Contains(err.Error(), "broken") {
		t.Fatalf("SendTest error = %v, want the broken webhook named", err)
	}
	if mails := w.smtp.Mails(); len(mails) != 1 || !strings.Contains(mails[0].Data, "TEST") {
		t.Fatalf("test mail = %+v", mails)
	}
	if err := w.eng.SendTest(context.Background(), w.rule+100); err != alert.ErrNoRule {
		t.Fatalf("unknown rule: %v", err)
	}
	log, _ := storage.RecentAlertLog(context.Background(), w.db, 10)
	if len(log) != 3 {
		t.Fatalf("alert log has %d test entries, want 3", len(log))
	}
}

// TestMaintenanceWindowInDatabase mutes a problem with a window stored in
// the database, logs why, and sends once the window has ended.
func TestMaintenanceWindowInDatabase(t *testing.T) {
	w := newWorld(t)
	win := w.insert(`INSERT INTO maintenance_windows (name, kind, starts_at, ends_at) VALUES ('patching', 'once', $1, $2) RETURNING id`,
		w.now.Add(-time.Minute), w.now.Add(time.Hour))
	w.exec(`INSERT INTO maintenance_window_hosts (window_id, host_id) VALUES ($1, $2)`, win, w.host)
	w.change("ok", "critical")
	w.tick(2 * time.Second)
	w.restart()
	w.tick(30 * time.Minute)
	if n := len(w.smtp.Mails()); n != 0 {
		t.Fatalf("%d mails during maintenance", n)
	}
	log, _ := storage.RecentAlertLog(context.Background(), w.db, 10)
	if len(log) != 1 || log[0].Outcome != "muted" || log[0].Reason != `maintenance window "patching"` {
		t.Fatalf("alert log = %+v, want one muted entry", log)
	}
	w.tick(time.Hour)
	if n := len(w.smtp.Mails()); n != 1 {
		t.Fatalf("%d mails after the window, want the problem", n)
	}
}
