package storage_test

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

func TestAlertStatesRoundTrip(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	box, _ := secretbox.New(bytes.Repeat([]byte{1}, 32), channels.SecretPurpose)
	f := seedAlerts(t, db, box)
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	v := 3.5
	st := alert.Status{
		Key:   alert.Key{RuleID: f.rule, Subject: alert.SubjectRef{Kind: alert.SubjectHost, ID: f.h1}},
		State: state.Critical, Since: at, Notified: state.Critical, LastNotified: at.Add(time.Second),
		Pending: alert.KindRepeat, PendingSince: at.Add(time.Minute), Muted: `maintenance window "x"`,
		Last: alert.Transition{Subject: alert.SubjectHost, SubjectID: f.h1, Name: "web1", From: state.OK, To: state.Critical,
			At: at, Plugin: "com.example.cpu", CheckID: 4, Value: &v, Message: "hot"},
	}
	svc := alert.Status{Key: alert.Key{RuleID: f.rule, Subject: alert.SubjectRef{Kind: alert.SubjectService, ID: f.svc}},
		State: state.Degraded, Since: at, Notified: state.Degraded /* without LastNotified: stored as nothing owed */}
	gone := alert.Status{Key: alert.Key{RuleID: f.rule + 99, Subject: st.Subject}, State: state.OK, Since: at}
	if err := storage.SaveAlertStates(ctx, db, []alert.Status{st, svc, gone}); err != nil {
		t.Fatal(err)
	}
	st.Pending, st.PendingSince, st.Escalated = "", time.Time{}, at.Add(time.Hour) // upsert
	if err := storage.SaveAlertStates(ctx, db, []alert.Status{st}); err != nil {
		t.Fatal(err)
	}
	got, err := storage.AlertStates(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("states = %+v, want two (the deleted rule's row is not written)", got)
	}
	byKind := map[alert.SubjectKind]alert.Status{}
	for _, g := range got {
		g.Since, g.LastNotified, g.Escalated = g.Since.UTC(), g.LastNotified.UTC(), g.Escalated.UTC()
		g.Last.At = g.Last.At.UTC()
		byKind[g.Subject.Kind] = g
	}
	h := byKind[alert.SubjectHost]
	if h.LastNotified.IsZero() || h.Escalated.IsZero() {
		t.Fatalf("times lost: %+v", h)
	}
	h.LastNotified, h.Escalated = st.LastNotified, st.Escalated
	if !reflect.DeepEqual(h, st) {
		t.Errorf("host state\n got %+v\nwant %+v", h, st)
	}
	if s := byKind[alert.SubjectService]; s.Notified != "" || s.State != state.Degraded {
		t.Errorf("service state = %+v", s)
	}
}

func TestAlertLogAndAcknowledgements(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	box, _ := secretbox.New(bytes.Repeat([]byte{1}, 32), channels.SecretPurpose)
	f := seedAlerts(t, db, box)
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	entries := []alert.LogEntry{
		{At: at, RuleID: f.rule, RuleName: "outer hosts", ChannelID: f.n1, ChannelName: "chat",
			Subject: alert.SubjectRef{Kind: alert.SubjectHost, ID: f.h1}, SubjectName: "web1", Kind: alert.KindProblem,
			From: state.OK, To: state.Critical, Outcome: alert.OutcomeFailed, Reason: "slack: 500", Attempts: 5},
		{At: at.Add(time.Second), RuleID: f.rule, RuleName: "outer hosts", SubjectName: "test (outer hosts)",
			Kind: alert.KindTest, Outcome: alert.OutcomeSent},
	}
	if err := storage.AppendAlertLog(ctx, db, entries); err != nil {
		t.Fatal(err)
	}
	log, err := storage.RecentAlertLog(ctx, db, 10)
	if err != nil || len(log) != 2 {
		t.Fatalf("log = %+v, %v", log, err)
	}
	if l := log[1]; l.Outcome != "failed" || l.Attempt != 5 || l.Reason != "slack: 500" || *l.HostID != f.h1 || *l.ToState != "critical" {
		t.Errorf("failed entry = %+v", l)
	}
	if l := log[0]; l.HostID != nil || l.ServiceID != nil || l.FromState != nil || l.Kind != "test" {
		t.Errorf("test entry = %+v", l)
	}
	host := alert.SubjectRef{Kind: alert.SubjectHost, ID: f.h1}
	svc := alert.SubjectRef{Kind: alert.SubjectService, ID: f.svc}
	for _, s := range []alert.SubjectRef{host, svc} {
		if err := storage.Acknowledge(ctx, db, s, state.Critical, "looking", 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := storage.Acknowledge(ctx, db, host, state.Major, "still looking", 0); err != nil {
		t.Fatalf("second acknowledgement: %v", err)
	}
	if err := storage.ClearAcknowledgements(ctx, db, []alert.SubjectRef{host}, at); err != nil {
		t.Fatal(err)
	}
	acked, err := storage.OpenAcknowledgements(ctx, db)
	if err != nil || len(acked) != 1 || !acked[svc] {
		t.Fatalf("open acknowledgements = %v, %v; want only the service", acked, err)
	}
}

// TestAlertWritesSurviveDeletions: a host deleted while the engine still
// remembers it must not make every later save or log write fail.
func TestAlertWritesSurviveDeletions(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	box, _ := secretbox.New(bytes.Repeat([]byte{1}, 32), channels.SecretPurpose)
	f := seedAlerts(t, db, box)
	if _, err := db.Exec(ctx, `DELETE FROM hosts WHERE id = $1`, f.h1); err != nil {
		t.Fatal(err)
	}
	gone := alert.SubjectRef{Kind: alert.SubjectHost, ID: f.h1}
	st := alert.Status{Key: alert.Key{RuleID: f.rule, Subject: gone}, State: state.OK, Since: time.Now()}
	if err := storage.SaveAlertStates(ctx, db, []alert.Status{st}); err != nil {
		t.Fatalf("save for a deleted host: %v", err)
	}
	e := alert.LogEntry{At: time.Now(), RuleID: f.rule, RuleName: "r", ChannelID: f.n1 + 1000, ChannelName: "deleted",
		Subject: gone, SubjectName: "web1", Kind: alert.KindRecovery, Outcome: alert.OutcomeSent}
	if err := storage.AppendAlertLog(ctx, db, []alert.LogEntry{e}); err != nil {
		t.Fatalf("log for a deleted host: %v", err)
	}
	log, err := storage.RecentAlertLog(ctx, db, 5)
	if err != nil || len(log) != 1 || log[0].HostID != nil || log[0].SubjectName != "web1" || log[0].NotifierName != "deleted" {
		t.Fatalf("log = %+v, %v", log, err)
	}
}
