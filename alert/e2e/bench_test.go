package e2e_test

import (
	"context"
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
)

// BenchmarkHandleTickPostgres: 200 hosts go critical in one ingest batch,
// the tick sends one grouped email and webhook (the third, failing webhook
// is removed), then the recoveries: the database cost of the pipeline per
// round of 400 transitions.
func BenchmarkHandleTickPostgres(b *testing.B) {
	w := newWorld(b)
	ctx := context.Background()
	w.exec(`DELETE FROM alert_rule_notifiers WHERE notifier_id = (SELECT id FROM notifiers WHERE name = 'broken')`)
	hosts := make([]int64, 200)
	for i := range hosts {
		hosts[i] = w.insert(`INSERT INTO hosts (name, address) VALUES ('b' || $1::int, 'x') RETURNING id`, i)
	}
	batch := func(from, to state.State) []alert.Transition {
		trs := make([]alert.Transition, len(hosts))
		for i, h := range hosts {
			trs[i] = alert.Transition{Subject: alert.SubjectHost, SubjectID: h, Name: "b", From: from, To: to, At: w.now}
		}
		return trs
	}
	problem, recovery := batch(state.OK, state.Critical), batch(state.Critical, state.OK)
	for b.Loop() {
		for _, trs := range [][]alert.Transition{problem, recovery} {
			if err := w.eng.Handle(ctx, trs); err != nil {
				b.Fatal(err)
			}
			w.now = w.now.Add(2 * time.Second)
			if err := w.eng.Tick(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*400)/b.Elapsed().Seconds(), "transitions/s")
}
