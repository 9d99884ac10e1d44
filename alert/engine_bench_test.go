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

// BenchmarkHandleTick: 20 rules over all hosts, a batch of 1,000 host
// transitions to critical then the tick that sends them (grouped: one
// notification per rule) and the batch of recoveries. The in-memory store
// isolates the engine's own cost from the database's.
func BenchmarkHandleTick(b *testing.B) {
	rec := &alerttest.Recorder{}
	var rules []alert.Rule
	for i := int64(1); i <= 20; i++ {
		rules = append(rules, alert.Rule{ID: i, Name: "r", Scope: alert.ScopeAllHosts, To: problems,
			Channels: []alert.Channel{{ID: 1, Name: "rec", Notifier: rec}}})
	}
	store := newMemStore(alert.Setup{Rules: rules})
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tmpl, _ := alert.NewTemplates("", "", "", "")
	eng, err := alert.New(alert.Config{Store: store, Templates: tmpl, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return now }, Backoff: func() backoff.BackOff { return &backoff.ZeroBackOff{} }})
	if err != nil {
		b.Fatal(err)
	}
	batch := func(from, to state.State) []alert.Transition {
		trs := make([]alert.Transition, 1000)
		for i := range trs {
			trs[i] = alert.Transition{Subject: alert.SubjectHost, SubjectID: int64(i + 1), Name: "h", From: from, To: to, At: now}
		}
		return trs
	}
	problem, recovery := batch(state.OK, state.Critical), batch(state.Critical, state.OK)
	ctx := context.Background()
	for b.Loop() {
		for _, trs := range [][]alert.Transition{problem, recovery} {
			if err := eng.Handle(ctx, trs); err != nil {
				b.Fatal(err)
			}
			now = now.Add(2 * time.Second)
			if err := eng.Tick(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*2000)/b.Elapsed().Seconds(), "transitions/s")
}
