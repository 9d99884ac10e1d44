package alert_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/alerttest"
	"github.com/prophasis/prophasis/internal/state"
)

var problems = []state.State{state.Unknown, state.Degraded, state.Minor, state.Major, state.Critical}

// fixture is an engine on an in-memory store with a clock the test moves.
type fixture struct {
	t      *testing.T
	now    time.Time
	store  *memStore
	eng    *alert.Engine
	oncall *alerttest.Recorder
	boss   *alerttest.Recorder
	// setupTTL is the engine's SetupTTL: -1 (read the store every time)
	// unless a test is about caching.
	setupTTL time.Duration
}

// newFixture has one rule (id 1, "on-call") for all hosts entering a
// problem, sent to oncall; mutate adjusts it.
func newFixture(t *testing.T, mutate func(*alert.Rule)) *fixture {
	f := &fixture{t: t, now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), oncall: &alerttest.Recorder{}, boss: &alerttest.Recorder{},
		setupTTL: -1}
	r := alert.Rule{ID: 1, Name: "on-call", Scope: alert.ScopeAllHosts, To: problems,
		Channels: []alert.Channel{{ID: 10, Name: "oncall", Notifier: f.oncall}}}
	if mutate != nil {
		mutate(&r)
	}
	f.store = newMemStore(alert.Setup{Rules: []alert.Rule{r}, Groups: map[int64][]int64{1: {100}}})
	f.restart()
	return f
}

// restart replaces the engine with a new one on the same store, as a
// process restart would.
func (f *fixture) restart() {
	tmpl, err := alert.NewTemplates("https://mon.example.com", "", "", "")
	if err != nil {
		f.t.Fatal(err)
	}
	f.eng, err = alert.New(alert.Config{
		Store: f.store, Templates: tmpl, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return f.now }, GroupWait: time.Second, SetupTTL: f.setupTTL,
		Backoff: func() backoff.BackOff { return &backoff.ZeroBackOff{} }, MaxTries: 3,
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) handle(trs ...alert.Transition) {
	f.t.Helper()
	for i := range trs {
		trs[i].At = f.now
	}
	if err := f.eng.Handle(context.Background(), trs); err != nil {
		f.t.Fatal(err)
	}
}

// tick moves the clock and runs one tick.
func (f *fixture) tick(d time.Duration) {
	f.t.Helper()
	f.now = f.now.Add(d)
	if err := f.eng.Tick(context.Background()); err != nil {
		f.t.Fatal(err)
	}
}

func host(id int64, from, to state.State) alert.Transition {
	return alert.Transition{Subject: alert.SubjectHost, SubjectID: id, Name: "web" + string(rune('0'+id)), From: from, To: to, Plugin: "cpu"}
}

// kinds lists what a recorder received, one kind per notification.
func kinds(r *alerttest.Recorder) []alert.Kind {
	var out []alert.Kind
	for _, n := range r.Got() {
		out = append(out, n.Kind)
	}
	return out
}

func wantKinds(t *testing.T, r *alerttest.Recorder, want ...alert.Kind) {
	t.Helper()
	got := kinds(r)
	if len(got) != len(want) {
		t.Fatalf("notifications = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("notifications = %v, want %v", got, want)
		}
	}
}
