package alert_test

import (
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
)

// window covers host group 100 (host 1 is in it) for the next hour.
func (f *fixture) window() alert.Window {
	return alert.Window{Name: "patching", Start: f.now, End: f.now.Add(time.Hour),
		Subjects: []alert.SubjectRef{{Kind: alert.SubjectHostGroup, ID: 100}}}
}

func TestMaintenanceMutesThenNotifiesWhenItEnds(t *testing.T) {
	f := newFixture(t, nil)
	f.store.setWindows(f.window())
	f.handle(host(1, state.OK, state.Critical), host(2, state.OK, state.Critical))
	f.tick(2 * time.Second)
	f.tick(10 * time.Minute)
	got := f.oncall.Got()
	if len(got) != 1 || len(got[0].Transitions) != 1 || got[0].Transitions[0].SubjectID != 2 {
		t.Fatalf("during maintenance got %+v, want only host 2 (outside the window)", got)
	}
	muted := f.store.entries(alert.OutcomeMuted)
	if len(muted) != 1 || muted[0].Reason != `maintenance window "patching"` || muted[0].Subject.ID != 1 {
		t.Fatalf("muted log = %+v, want one line for host 1", muted)
	}
	f.tick(time.Hour) // the window has ended, host 1 is still critical
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindProblem)
	if n := f.oncall.Got()[1]; n.Transitions[0].SubjectID != 1 {
		t.Errorf("after the window got %+v", n.Transitions)
	}
}

func TestMaintenanceRecoveredInsideWindowSendsNothing(t *testing.T) {
	f := newFixture(t, nil)
	f.store.setWindows(f.window())
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	f.handle(host(1, state.Critical, state.OK))
	f.tick(2 * time.Hour)
	wantKinds(t, f.oncall)
}

func TestRecoveryIsSentDuringMaintenance(t *testing.T) {
	f := newFixture(t, nil)
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	f.store.setWindows(f.window()) // maintenance starts after the problem went out
	f.handle(host(1, state.Critical, state.OK))
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindRecovery)
}

func TestRepeatStopsOnAcknowledgement(t *testing.T) {
	f := newFixture(t, func(r *alert.Rule) { r.Repeat = 10 * time.Minute })
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	f.tick(9 * time.Minute)
	wantKinds(t, f.oncall, alert.KindProblem)
	f.tick(time.Minute)
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindRepeat)
	f.store.ack(alert.SubjectRef{Kind: alert.SubjectHost, ID: 1})
	f.tick(30 * time.Minute)
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindRepeat)
	f.handle(host(1, state.Critical, state.OK))
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindRepeat, alert.KindRecovery)
	if len(f.store.cleared) != 1 || f.store.cleared[0].ID != 1 {
		t.Errorf("acknowledgement not cleared on recovery: %v", f.store.cleared)
	}
}

func TestRepeatMutedByMaintenance(t *testing.T) {
	f := newFixture(t, func(r *alert.Rule) { r.Repeat = 10 * time.Minute })
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	f.store.setWindows(f.window())
	f.tick(30 * time.Minute)
	wantKinds(t, f.oncall, alert.KindProblem)
	f.tick(time.Hour)
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindRepeat)
}

func TestEscalation(t *testing.T) {
	f := newFixture(t, func(r *alert.Rule) {
		r.EscalateAfter = 15 * time.Minute
		r.Escalation = []alert.Channel{{ID: 11, Name: "boss", Notifier: nil}}
	})
	f.store.setup.Rules[0].Escalation[0].Notifier = f.boss
	f.handle(host(1, state.OK, state.Critical), host(2, state.OK, state.Major))
	f.tick(2 * time.Second)
	f.store.ack(alert.SubjectRef{Kind: alert.SubjectHost, ID: 2})
	f.tick(14 * time.Minute)
	wantKinds(t, f.boss)
	f.tick(time.Minute)
	wantKinds(t, f.boss, alert.KindEscalation)
	if n := f.boss.Got()[0]; len(n.Transitions) != 1 || n.Transitions[0].SubjectID != 1 {
		t.Errorf("escalated %+v, want only the unacknowledged host 1", n.Transitions)
	}
	f.tick(time.Hour)
	wantKinds(t, f.boss, alert.KindEscalation)
	wantKinds(t, f.oncall, alert.KindProblem)
}

func TestRestartNeitherResendsNorForgets(t *testing.T) {
	f := newFixture(t, func(r *alert.Rule) { r.Repeat = time.Hour })
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	f.restart()
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem)
	f.handle(host(2, state.OK, state.Critical)) // queued, not yet sent
	f.restart()
	f.tick(2 * time.Second)
	f.restart()
	f.handle(host(1, state.Critical, state.OK))
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindProblem, alert.KindRecovery)
	f.restart()
	f.tick(time.Hour) // host 2 repeats once, host 1 is over
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindProblem, alert.KindRecovery, alert.KindRepeat)
}

// TestSetupIsCachedForTTL: a maintenance window saved now is obeyed once
// the cached configuration expires, not before.
func TestSetupIsCachedForTTL(t *testing.T) {
	f := newFixture(t, nil)
	f.setupTTL = time.Minute
	f.restart()
	f.tick(0) // reads the configuration: no windows
	f.store.setWindows(f.window())
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem) // the window was not read yet
	f.tick(time.Minute)
	f.handle(host(1, state.Critical, state.OK), host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem) // now it mutes
	if muted := f.store.entries(alert.OutcomeMuted); len(muted) != 1 {
		t.Fatalf("muted = %+v", muted)
	}
}

func TestEscalationClockSpansProblemStates(t *testing.T) {
	f := newFixture(t, func(r *alert.Rule) {
		r.EscalateAfter = 15 * time.Minute
		r.Escalation = []alert.Channel{{ID: 11, Name: "boss"}}
	})
	f.store.setup.Rules[0].Escalation[0].Notifier = f.boss
	f.handle(host(1, state.OK, state.Minor))
	f.tick(2 * time.Second)
	f.tick(10 * time.Minute)
	f.handle(host(1, state.Minor, state.Critical)) // worse, same episode
	f.tick(5 * time.Minute)
	wantKinds(t, f.boss, alert.KindEscalation)
}
