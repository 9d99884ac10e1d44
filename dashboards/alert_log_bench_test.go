package dashboards

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// BenchmarkAlertLogPage measures a viewer's filtered /alert-log with a full
// scan window (alertLogScan entries over 20 rules): session, health of the
// problems table, log query, filtering and rendering.
func BenchmarkAlertLogPage(b *testing.B) {
	a := newTestApp(b, nil)
	entries := make([]alert.LogEntry, alertLogScan)
	for i := range entries {
		entries[i] = alert.LogEntry{At: a.clock.Now().Add(-time.Duration(i) * time.Minute), RuleName: fmt.Sprintf("rule-%02d", i%20),
			ChannelName: "mail", SubjectName: "db1", Kind: alert.KindProblem, From: state.OK, To: state.Critical,
			Outcome: []alert.Outcome{alert.OutcomeSent, alert.OutcomeFailed, alert.OutcomeMuted}[i%3], Reason: "x", Attempts: 1}
	}
	if err := storage.AppendAlertLog(context.Background(), a.db, entries); err != nil {
		b.Fatal(err)
	}
	c := a.signedIn("vic", "viewer")
	b.ResetTimer()
	for b.Loop() {
		if res, _ := a.get(c, "/alert-log?rule=rule-03&outcome=sent"); res.StatusCode != http.StatusOK {
			b.Fatal(res.StatusCode)
		}
	}
}
