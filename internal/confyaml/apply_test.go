package confyaml

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/storage"
)

// seedConfig builds a configuration through the store functions the web
// app uses, agent key included.
func seedConfig(t *testing.T, db *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	fp := strings.Repeat("ab", 32)
	ids := map[string]int64{}
	for _, h := range []storage.Host{
		{Name: "web1", Address: "10.0.0.1", Port: 4048, Enabled: true, Fingerprint: fp, AgentKey: make([]byte, 60)},
		{Name: "web2", Address: "10.0.0.2", Port: 4049, Description: "spare", Enabled: false},
		{Name: "db1", Address: "db1.example.com", Port: 4048, Enabled: true},
	} {
		id, err := storage.CreateHost(ctx, db, h)
		if err != nil {
			t.Fatal(err)
		}
		ids[h.Name] = id
	}
	web, err := storage.CreateHostGroup(ctx, db, storage.HostGroup{Name: "web", Description: "front ends"})
	if err != nil {
		t.Fatal(err)
	}
	all, err := storage.CreateHostGroup(ctx, db, storage.HostGroup{Name: "all"})
	if err != nil {
		t.Fatal(err)
	}
	if err := storage.SetHostGroupMembers(ctx, db, web, []int64{ids["web2"], ids["web1"]}, nil); err != nil {
		t.Fatal(err)
	}
	if err := storage.SetHostGroupMembers(ctx, db, all, []int64{ids["db1"]}, []int64{web}); err != nil {
		t.Fatal(err)
	}
	addPlugin(t, db)
	check, err := storage.SaveCheckConfig(ctx, db, storage.CheckConfig{Name: "disks", Description: "all disks"}, storage.CheckMembers{
		HostIDs: []int64{ids["db1"]}, GroupIDs: []int64{web},
		Plugins: map[string]map[string]string{"com.example.disk": {"path": "/", "warn": "80"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 1, 0, 0, 30, 0, time.UTC)
	_, err = storage.SaveScheduleConfig(ctx, db, storage.ScheduleConfig{Name: "often", Enabled: true},
		[]storage.IntervalConfig{{StartAt: start, Period: 5 * time.Minute}, {StartAt: start, Period: 90 * time.Second}}, []int64{check})
	if err != nil {
		t.Fatal(err)
	}
	shop, err := storage.SaveService(ctx, db, 0, storage.ServiceInput{Name: "shop", Description: "web shop", Hosts: []int64{ids["db1"]},
		Redundancy: []storage.RedundancyGroup{{Name: "front", Hosts: []int64{ids["web1"], ids["web2"]}}, {Name: "all", Groups: []int64{all}}}})
	if err != nil {
		t.Fatal(err)
	}
	mail, err := storage.CreateNotifier(ctx, db, storage.NotifierInput{Name: "ops mail", Kind: "email", Enabled: true,
		Settings: []byte(`{"to": ["ops@example.com"], "port": 25}`), Secrets: []byte("sealed password")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = storage.CreateAlertRule(ctx, db, storage.AlertRuleInput{Name: "shop down", Enabled: true, Scope: "services",
		Subjects: []int64{shop}, Plugins: []string{"com.example.disk"}, Checks: []int64{check}, From: []string{"ok"},
		To: []string{"major", "critical"}, Repeat: time.Hour, EscalateAfter: 30 * time.Minute, EscalationNotifier: mail,
		Notifiers: []int64{mail}})
	if err != nil {
		t.Fatal(err)
	}
	seedClassifiersAndWindows(t, db, check, ids["db1"], web, shop)
}

// addPlugin installs the plugin checks refer to as the core installs its
// built-in ones: a row and a default classifier, no archive.
func addPlugin(t *testing.T, db *pgxpool.Pool) {
	t.Helper()
	p := storage.BuiltinPlugin{ID: "com.example.disk", Name: "Disk", Classifier: "return \"ok\"\n"}
	if err := storage.EnsureBuiltinPlugin(context.Background(), db, p); err != nil {
		t.Fatal(err)
	}
}

func exportText(t *testing.T, db *pgxpool.Pool) string {
	t.Helper()
	f, err := Export(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestExportApplyExportGivesTheSameFile(t *testing.T) {
	src, dst := pgtest.Plain(t), pgtest.Plain(t)
	seedConfig(t, src)
	first := exportText(t, src)
	f, err := Parse(strings.NewReader(first))
	if err != nil {
		t.Fatalf("export does not parse: %v\n%s", err, first)
	}
	if _, err := Apply(context.Background(), dst, f, Options{}); err == nil || !strings.Contains(err.Error(), `plugin "com.example.disk" is not installed`) {
		t.Fatalf("apply without the plugin: %v", err)
	}
	if got := exportText(t, dst); got != "version: 1\n" {
		t.Fatalf("a refused apply changed the database:\n%s", got)
	}
	addPlugin(t, dst)
	changes, err := Apply(context.Background(), dst, f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 16 {
		t.Errorf("changes into an empty database: %v", changes)
	}
	if second := exportText(t, dst); second != first {
		t.Errorf("export after apply differs:\n%s\nfirst:\n%s", second, first)
	}
	for _, want := range []string{"redundancy_groups:", "com.example.disk:", "warn: \"80\"", "description: web shop",
		"start: \"2026-01-01T00:00:30Z\"", "every: 5m\n", "every: 1m30s\n", "escalate_to: ops mail", "repeat: 1h\n",
		"- ops@example.com", "port: 25", "code: |\n      -- edited\n", "history_depth: 5\n", "check: disks\n",
		"time_zone: Europe/London\n", "name: 'dup #2'\n", "days:\n      - tue\n      - thu\n", "ends_at: \"2026-03-01T06:00:00Z\""} {
		if !strings.Contains(first, want) {
			t.Errorf("export lacks %q:\n%s", want, first)
		}
	}
	if strings.Contains(first, "agent_key") || strings.Contains(first, "sealed") || strings.Contains(first, "secret") {
		t.Errorf("export holds an agent key:\n%s", first)
	}
	again, err := Apply(context.Background(), dst, f, Options{})
	if err != nil || len(again) != 0 {
		t.Errorf("second apply: %v, %v; want no changes", again, err)
	}
}

func TestApplyUpdatesDeletesAndKeepsAgentKeys(t *testing.T) {
	db := pgtest.Plain(t)
	seedConfig(t, db)
	ctx := context.Background()
	// In the canonical form Export writes, so it can be compared.
	const file = `version: 1
hosts:
  - name: db2
    address: db2.example.com
  - name: web1
    address: 10.0.0.11
host_groups:
  - name: dbs
    hosts:
      - db2
  - name: web
    hosts:
      - web1
    groups:
      - dbs
classifiers:
  - plugin: com.example.disk
    code: |
      -- edited
      return "ok"
`
	f, err := Parse(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	before := exportText(t, db)
	dry, err := Apply(ctx, db, f, Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if after := exportText(t, db); after != before {
		t.Fatalf("dry run changed the database:\n%s", after)
	}
	want := []string{"+ host db2", "~ host web1", "- host db1", "- host web2", "+ host_group dbs", "~ host_group web", "- host_group all",
		"- check disks", "- service shop", "- schedule often", "- notifier ops mail", "- alert_rule shop down",
		"- maintenance_window dup", "- maintenance_window dup #2", "- maintenance_window move", "- maintenance_window patch",
		"- classifier com.example.disk check disks"}
	if got := changeStrings(dry); !slices.Equal(got, want) {
		t.Errorf("dry run plan %q, want %q", got, want)
	}
	if _, err := Apply(ctx, db, f, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := exportText(t, db); got != file {
		t.Errorf("after apply:\n%s\nwant:\n%s", got, file)
	}
	var key []byte
	if err := db.QueryRow(ctx, `SELECT agent_key_encrypted FROM hosts WHERE name = 'web1'`).Scan(&key); err != nil || len(key) != 60 {
		t.Errorf("web1's agent key after apply: %d bytes, %v", len(key), err)
	}
	var audited int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE actor = 'cli'`).Scan(&audited); err != nil || audited != len(want) {
		t.Errorf("audit entries %d (%v), want %d", audited, err, len(want))
	}
}

func changeStrings(cs []Change) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.String()
	}
	return out
}

// TestApplyReversesNesting turns "all contains web" into "web contains
// all": setting members one group at a time would pass through a cycle.
func TestApplyReversesNesting(t *testing.T) {
	db := pgtest.Plain(t)
	seedConfig(t, db)
	f, err := Export(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for i := range f.HostGroups {
		switch f.HostGroups[i].Name {
		case "all":
			f.HostGroups[i].Groups = nil
		case "web":
			f.HostGroups[i].Groups = []string{"all"}
		}
	}
	if _, err := Apply(context.Background(), db, f, Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := Export(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Marshal(f)
	if have, _ := Marshal(got); string(have) != string(want) {
		t.Errorf("after apply:\n%s\nwant:\n%s", have, want)
	}
}

// TestApplyKeepsUnchangedIntervals adds an interval to a schedule: the
// existing ones keep their ids, so the scheduler neither loses nor repeats
// their next runs.
func TestApplyKeepsUnchangedIntervals(t *testing.T) {
	db := pgtest.Plain(t)
	seedConfig(t, db)
	ctx := context.Background()
	ids := func() []int64 {
		rows, _ := db.Query(ctx, `SELECT id FROM schedule_intervals ORDER BY id`)
		out, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := ids()
	f, err := Export(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	f.Schedules[0].Intervals = append(f.Schedules[0].Intervals, Interval{Start: "2026-01-01T00:00:00Z", Every: "1h"})
	changes, err := Apply(ctx, db, f, Options{})
	if err != nil || len(changes) != 1 {
		t.Fatalf("apply: %v, %v", changes, err)
	}
	after := ids()
	if len(after) != 3 || !slices.Equal(after[:2], before) {
		t.Errorf("interval ids %v, then %v: the two unchanged ones must stay", before, after)
	}
}

// TestApplyKeepsNotifierSecrets changes a notifier's settings: its sealed
// secrets, which the file never holds, must stay.
func TestApplyKeepsNotifierSecrets(t *testing.T) {
	db := pgtest.Plain(t)
	seedConfig(t, db)
	ctx := context.Background()
	f, err := Export(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	f.Notifiers[0].Settings["to"] = []any{"oncall@example.com"}
	if changes, err := Apply(ctx, db, f, Options{}); err != nil || len(changes) != 1 {
		t.Fatalf("apply: %v, %v", changes, err)
	}
	var secrets, settings string
	err = db.QueryRow(ctx, `SELECT convert_from(secrets_encrypted, 'UTF8'), settings::text FROM notifiers`).Scan(&secrets, &settings)
	if err != nil || secrets != "sealed password" || !strings.Contains(settings, "oncall@example.com") {
		t.Errorf("after apply: secrets %q settings %s (%v)", secrets, settings, err)
	}
}
