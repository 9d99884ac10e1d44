package alert_test

import (
	"context"
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
)

func TestProblemThenRecovery(t *testing.T) {
	f := newFixture(t, nil)
	f.handle(host(1, state.OK, state.Critical))
	f.tick(500 * time.Millisecond)
	wantKinds(t, f.oncall) // still inside the group window
	f.tick(time.Second)
	wantKinds(t, f.oncall, alert.KindProblem)
	n := f.oncall.Got()[0]
	if n.Transitions[0].To != state.Critical || n.Transitions[0].URL != "https://mon.example.com/hosts/1" {
		t.Errorf("problem = %+v", n.Transitions[0])
	}
	f.tick(time.Hour)
	wantKinds(t, f.oncall, alert.KindProblem) // no repeat configured
	f.handle(host(1, state.Critical, state.OK))
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindRecovery)
	if sent := f.store.entries(alert.OutcomeSent); len(sent) != 2 || sent[0].ChannelName != "oncall" || sent[1].Kind != alert.KindRecovery {
		t.Errorf("log = %+v", sent)
	}
}

func TestRecoveryFollowsEvenWhenRuleStatesDoNotMatch(t *testing.T) {
	f := newFixture(t, func(r *alert.Rule) { r.To = []state.State{state.Critical} })
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	f.handle(host(1, state.Critical, state.Minor)) // not asked about
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem)
	f.handle(host(1, state.Minor, state.OK))
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem, alert.KindRecovery)
}

func TestFlapInsideGroupWindowSendsNothing(t *testing.T) {
	f := newFixture(t, nil)
	f.handle(host(1, state.OK, state.Critical))
	f.tick(200 * time.Millisecond)
	f.handle(host(1, state.Critical, state.OK))
	f.tick(5 * time.Second)
	wantKinds(t, f.oncall)
}

func TestBurstIsGrouped(t *testing.T) {
	f := newFixture(t, nil)
	f.handle(host(1, state.OK, state.Critical))
	f.tick(300 * time.Millisecond)
	f.handle(host(2, state.OK, state.Major), host(3, state.OK, state.Minor))
	f.tick(300 * time.Millisecond)
	f.tick(time.Second)
	wantKinds(t, f.oncall, alert.KindProblem)
	if n := f.oncall.Got()[0]; len(n.Transitions) != 3 || n.Title != "[Prophasis] PROBLEM 3 changes for rule on-call" {
		t.Errorf("grouped notification = %q with %d transitions", n.Title, len(n.Transitions))
	}
	if sent := f.store.entries(alert.OutcomeSent); len(sent) != 3 {
		t.Errorf("log has %d sent lines, want one per subject", len(sent))
	}
}

func TestServiceRuleIgnoresHosts(t *testing.T) {
	f := newFixture(t, func(r *alert.Rule) { r.Scope = alert.ScopeAllServices })
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall)
	f.handle(alert.Transition{Subject: alert.SubjectService, SubjectID: 1, Name: "shop", From: state.OK, To: state.Degraded})
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem)
}

func TestRetryThenFailureIsLogged(t *testing.T) {
	f := newFixture(t, nil)
	f.oncall.FailNext(2)
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem)
	if sent := f.store.entries(alert.OutcomeSent); len(sent) != 1 || sent[0].Attempts != 3 {
		t.Fatalf("sent = %+v, want one entry after 3 attempts", sent)
	}
	f.oncall.FailNext(10)
	f.handle(host(2, state.OK, state.Critical))
	f.tick(2 * time.Second)
	failed := f.store.entries(alert.OutcomeFailed)
	if len(failed) != 1 || failed[0].Attempts != 3 || failed[0].Reason == "" {
		t.Fatalf("failed = %+v", failed)
	}
	f.tick(time.Hour)
	if got := len(f.store.entries(alert.OutcomeFailed)); got != 1 {
		t.Errorf("a failed notification was retried forever: %d failures logged", got)
	}
}

func TestRuleWithoutNotifiersIsLogged(t *testing.T) {
	f := newFixture(t, func(r *alert.Rule) { r.Channels = nil })
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	failed := f.store.entries(alert.OutcomeFailed)
	if len(failed) != 1 || failed[0].Reason != "rule has no enabled notifier" {
		t.Fatalf("failed = %+v", failed)
	}
}

func TestInvalidTransitionsAreIgnored(t *testing.T) {
	f := newFixture(t, nil)
	f.handle(host(1, state.OK, state.Critical))
	f.tick(2 * time.Second)
	f.handle(host(1, state.Critical, "bogus"), alert.Transition{Subject: "planet", SubjectID: 1, From: state.OK, To: state.Critical})
	f.tick(2 * time.Second)
	wantKinds(t, f.oncall, alert.KindProblem) // neither a recovery nor a new problem
}

// TestStateSaveFailureIsRetried: while the database refuses writes a tick
// reports the error but still logs what it sent; the unsaved state is saved
// with the next successful write, so a restart then does not re-send.
func TestStateSaveFailureIsRetried(t *testing.T) {
	f := newFixture(t, nil)
	f.handle(host(1, state.OK, state.Critical))
	f.store.setFailing(true)
	f.now = f.now.Add(2 * time.Second)
	if err := f.eng.Tick(context.Background()); err == nil {
		t.Fatal("tick hid a failed save")
	}
	wantKinds(t, f.oncall, alert.KindProblem)
	if sent := f.store.entries(alert.OutcomeSent); len(sent) != 1 {
		t.Fatalf("sent log = %+v", sent)
	}
	f.store.setFailing(false)
	f.handle(host(2, state.OK, state.Minor)) // any later save carries the lost one
	f.restart()
	f.tick(2 * time.Second)
	if got := f.oncall.Got(); len(got) != 2 || got[1].Transitions[0].SubjectID != 2 {
		t.Fatalf("after the outage and a restart got %d notifications (host 1 re-sent?)", len(got))
	}
}
