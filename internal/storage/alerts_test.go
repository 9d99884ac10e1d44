package storage_test

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// alertFixture inserts hosts 1 and 2 (host 1 in group "inner", nested in
// "outer"), a service, a plugin, two notifiers (one disabled) and a rule.
type alertFixture struct {
	h1, h2, inner, outer, svc, n1, n2, rule int64
}

func seedAlerts(t *testing.T, db *pgxpool.Pool, box *secretbox.Box) alertFixture {
	t.Helper()
	ctx := context.Background()
	var f alertFixture
	one := func(dst *int64, q string, args ...any) {
		t.Helper()
		if err := db.QueryRow(ctx, q, args...).Scan(dst); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	one(&f.h1, `INSERT INTO hosts (name, address) VALUES ('web1', '10.0.0.1') RETURNING id`)
	one(&f.h2, `INSERT INTO hosts (name, address) VALUES ('web2', '10.0.0.2') RETURNING id`)
	one(&f.inner, `INSERT INTO host_groups (name) VALUES ('inner') RETURNING id`)
	one(&f.outer, `INSERT INTO host_groups (name) VALUES ('outer') RETURNING id`)
	exec(`INSERT INTO host_group_hosts (group_id, host_id) VALUES ($1, $2)`, f.inner, f.h1)
	exec(`INSERT INTO host_group_groups (parent_id, child_id) VALUES ($1, $2)`, f.outer, f.inner)
	one(&f.svc, `INSERT INTO services (name) VALUES ('shop') RETURNING id`)
	exec(`INSERT INTO plugins (id, name) VALUES ('com.example.cpu', 'CPU')`)
	settings, sealed, err := channels.Split(box, "slack", map[string]any{"url": "https://hooks.example.com/x"})
	if err != nil {
		t.Fatal(err)
	}
	one(&f.n1, `INSERT INTO notifiers (name, kind, settings, secrets_encrypted) VALUES ('chat', 'slack', $1, $2) RETURNING id`, settings, sealed)
	one(&f.n2, `INSERT INTO notifiers (name, kind, settings, enabled) VALUES ('off', 'script', '{"path":"/bin/true"}', false) RETURNING id`)
	one(&f.rule, `INSERT INTO alert_rules (name, scope_kind, from_states, to_states, repeat_interval, escalate_after, escalation_notifier_id)
		VALUES ('outer hosts', 'host_groups', '{ok}', '{major,critical}', '10 minutes', '15 minutes', $1) RETURNING id`, f.n1)
	exec(`INSERT INTO alert_rule_host_groups (rule_id, group_id) VALUES ($1, $2)`, f.rule, f.outer)
	exec(`INSERT INTO alert_rule_plugins (rule_id, plugin_id) VALUES ($1, 'com.example.cpu')`, f.rule)
	exec(`INSERT INTO alert_rule_notifiers (rule_id, notifier_id) VALUES ($1, $2), ($1, $3)`, f.rule, f.n1, f.n2)
	return f
}

func TestLoadAlertSetup(t *testing.T) {
	ctx, db := context.Background(), pgtest.Plain(t)
	box, _ := secretbox.New(bytes.Repeat([]byte{1}, 32), channels.SecretPurpose)
	f := seedAlerts(t, db, box)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var w1 int64
	if err := db.QueryRow(ctx, `INSERT INTO maintenance_windows (name, kind, days_of_week, start_time, end_time, time_zone)
		VALUES ('sunday', 'recurring', '{0}', '02:00', '04:30', 'Europe/Berlin') RETURNING id`).Scan(&w1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO host_group_hosts (group_id, host_id) VALUES ($1, $2)`, f.outer, f.h2); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO maintenance_window_host_groups (window_id, group_id) VALUES ($1, $2);`, w1, f.inner); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO maintenance_windows (name, kind, starts_at, ends_at) VALUES ('past', 'once', $1, $2)`,
		now.Add(-2*time.Hour), now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := storage.Acknowledge(ctx, db, alert.SubjectRef{Kind: alert.SubjectHost, ID: f.h2}, state.Major, "on it", 0); err != nil {
		t.Fatal(err)
	}
	deps := channels.Deps{Client: http.DefaultClient, Box: box, Now: time.Now}
	s, err := storage.LoadAlertSetup(ctx, db, deps.Build, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rules) != 1 {
		t.Fatalf("rules = %+v", s.Rules)
	}
	r := s.Rules[0]
	if r.Name != "outer hosts" || r.Scope != alert.ScopeHostGroups || !slices.Equal(r.Subjects, []int64{f.outer}) ||
		!slices.Equal(r.Plugins, []string{"com.example.cpu"}) || !slices.Equal(r.To, []state.State{state.Major, state.Critical}) ||
		r.Repeat != 10*time.Minute || r.EscalateAfter != 15*time.Minute || r.Disabled {
		t.Errorf("rule = %+v", r)
	}
	if len(r.Channels) != 1 || r.Channels[0].Name != "chat" || len(r.Escalation) != 1 {
		t.Errorf("channels = %+v escalation = %+v (the disabled notifier must be left out)", r.Channels, r.Escalation)
	}
	if len(s.Windows) != 1 || s.Windows[0].Location.String() != "Europe/Berlin" || s.Windows[0].To != 4*time.Hour+30*time.Minute ||
		!slices.Equal(s.Windows[0].Subjects, []alert.SubjectRef{{Kind: alert.SubjectHostGroup, ID: f.inner}}) {
		t.Errorf("windows = %+v", s.Windows)
	}
	if !s.Windows[0].Active(time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC)) {
		t.Error("window not active at 04:00 Berlin on a Sunday")
	}
	if got := s.Groups[f.h1]; !slices.Equal(got, []int64{f.inner, f.outer}) {
		t.Errorf("groups of host 1 = %v, want inner and outer", got)
	}
	if got := s.Groups[f.h2]; !slices.Equal(got, []int64{f.outer}) {
		t.Errorf("groups of host 2 = %v, want outer", got)
	}
	if !s.Acked[alert.SubjectRef{Kind: alert.SubjectHost, ID: f.h2}] || len(s.Acked) != 1 {
		t.Errorf("acked = %v", s.Acked)
	}
	if !r.Watches(alert.Transition{Subject: alert.SubjectHost, SubjectID: f.h1}, func(h int64) []int64 { return s.Groups[h] }) {
		t.Error("rule on the outer group does not watch a host of the nested group")
	}
}
