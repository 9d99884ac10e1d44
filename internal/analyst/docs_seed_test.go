package analyst_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/schema"
)

// docsData is what seedDocs wrote that assertions need to know.
type docsData struct {
	lastMonth time.Time // first instant of last month, UTC
	hosts     map[string]int64
}

// seedDocs writes the data the examples of docs/sql.md are checked on:
// three hosts with disk, load and HTTP results, state and health changes,
// and alerts, some at fixed dates and some relative to now.
func seedDocs(t *testing.T, db *pgxpool.Pool) docsData {
	t.Helper()
	s := seeder{t, db}
	now := time.Now().UTC()
	d := docsData{lastMonth: time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, time.UTC), hosts: map[string]int64{}}
	s.plugin("com.prophasis.disk_usage", "Disk usage")
	s.plugin("com.prophasis.load", "Load average")
	s.plugin("com.prophasis.http", "HTTP")
	for _, name := range []string{"web1", "web2", "db1"} {
		d.hosts[name] = s.host(name)
	}
	base := s.check("base", []int64{d.hosts["web1"], d.hosts["web2"], d.hosts["db1"]}, nil,
		"com.prophasis.disk_usage", "com.prophasis.load", "com.prophasis.http")
	s.exec(`INSERT INTO current_state (host_id, plugin_id, check_id, time, value, message, status, classification, severity, since)
		VALUES ($1, 'com.prophasis.disk_usage', $4, now(), 92, 'disk 92% full', 'ok', 'major', 5, now() - interval '1 hour'),
		       ($2, 'com.prophasis.http', $4, now(), 200, 'HTTP 200', 'ok', 'ok', 1, now() - interval '1 day'),
		       ($3, 'com.prophasis.load', $4, now(), 6.2, 'load 6.2', 'ok', 'minor', 4, now() - interval '5 minutes')`,
		d.hosts["db1"], d.hosts["web1"], d.hosts["web2"], base)
	seedChanges(s, d.hosts, base)
	seedHealth(s, d)
	seedResults(s, d.hosts, base)
	s.exec(`INSERT INTO alert_log (time, rule_name, notifier_name, host_id, subject_name, kind, from_state, to_state, outcome, reason) VALUES
		(now() - interval '2 days', 'Disk critical', 'ops mail', $1, 'db1', 'problem', 'ok', 'critical', 'sent', ''),
		(now() - interval '1 day', 'Disk critical', 'ops mail', $1, 'db1', 'recovery', 'critical', 'ok', 'sent', ''),
		(now() - interval '1 day', 'HTTP down', 'ops mail', $2, 'web1', 'problem', 'ok', 'critical', 'sent', ''),
		(now() - interval '1 day', 'HTTP down', 'chat', $2, 'web1', 'problem', 'ok', 'critical', 'failed', 'post to <redacted>: 500'),
		(now() - interval '1 hour', 'HTTP down', 'chat', $2, 'web1', 'test', NULL, NULL, 'sent', ''),
		(now() - interval '10 days', 'Disk critical', 'ops mail', $1, 'db1', 'problem', 'ok', 'critical', 'sent', '')`,
		d.hosts["db1"], d.hosts["web1"])
	ctx := context.Background()
	if err := schema.RefreshRollups(ctx, db, now.Add(-60*24*time.Hour), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	return d
}

// seedChanges writes state changes around an outage at 2026-03-10 14:00 UTC.
func seedChanges(s seeder, hosts map[string]int64, check int64) {
	s.exec(`INSERT INTO state_changes (time, host_id, plugin_id, check_id, from_state, to_state, value, message)
		SELECT t::timestamptz, ($1::jsonb ->> host)::bigint, plugin, $2, f, tt, v, m FROM (VALUES
		('2026-03-01 00:00+00', 'db1', 'com.prophasis.disk_usage', 'no_data', 'ok', 40.0, 'disk 40% full'),
		('2026-03-01 00:00+00', 'db1', 'com.prophasis.load', 'no_data', 'ok', 0.5, 'load 0.5'),
		('2026-03-01 00:00+00', 'web1', 'com.prophasis.http', 'no_data', 'ok', 200, 'HTTP 200'),
		('2026-03-10 12:50+00', 'db1', 'com.prophasis.disk_usage', 'ok', 'minor', 85, 'disk 85% full'),
		('2026-03-10 13:20+00', 'db1', 'com.prophasis.disk_usage', 'minor', 'major', 92, 'disk 92% full'),
		('2026-03-10 13:45+00', 'db1', 'com.prophasis.load', 'ok', 'critical', 31.5, 'load 31.5'),
		('2026-03-10 14:00+00', 'web1', 'com.prophasis.http', 'ok', 'critical', 502, 'HTTP 502'),
		('2026-03-10 14:10+00', 'web1', 'com.prophasis.http', 'critical', 'ok', 200, 'HTTP 200'),
		('2026-03-10 15:00+00', 'db1', 'com.prophasis.disk_usage', 'major', 'ok', 60, 'disk 60% full'),
		('2026-03-10 15:00+00', 'db1', 'com.prophasis.load', 'critical', 'ok', 1.2, 'load 1.2')
		) AS c(t, host, plugin, f, tt, v, m)`,
		map[string]int64{"db1": hosts["db1"], "web1": hosts["web1"]}, check)
}

// seedHealth writes host health changes: last month web1 was critical for
// 6 hours on the 3rd, db1 major for 90 minutes across midnight 11th/12th.
func seedHealth(s seeder, d docsData) {
	at := func(days, minutes int) time.Time {
		return d.lastMonth.Add(time.Duration(days)*24*time.Hour + time.Duration(minutes)*time.Minute)
	}
	rows := []struct {
		host     string
		at       time.Time
		from, to string
	}{
		{"web1", at(-3, 0), "no_data", "ok"}, {"web2", at(-3, 0), "no_data", "ok"}, {"db1", at(-3, 0), "no_data", "ok"},
		{"web1", at(2, 10*60), "ok", "critical"}, {"web1", at(2, 16*60), "critical", "ok"},
		{"db1", at(10, 23*60), "ok", "major"}, {"db1", at(11, 30), "major", "ok"},
	}
	for _, r := range rows {
		s.exec(`INSERT INTO health_changes (time, host_id, from_state, to_state) VALUES ($1, $2, $3, $4)`,
			r.at, d.hosts[r.host], r.from, r.to)
	}
}

// seedResults writes disk usage growing on every host (db1 fastest) and a
// load that peaks on Tuesdays at 14:00 UTC, Mondays at 09:00 and Fridays at
// 17:00, hourly over four weeks.
func seedResults(s seeder, hosts map[string]int64, check int64) {
	s.exec(`INSERT INTO results (time, host_id, plugin_id, check_id, value, status, classification, severity)
		SELECT now() - d.ago, ($1::jsonb ->> h.host)::bigint, 'com.prophasis.disk_usage', $2, h.v[d.i], 'ok', 'ok', 1
		FROM (VALUES ('db1', ARRAY[10, 40, 60, 85]), ('web2', ARRAY[10, 30, 45, 60]), ('web1', ARRAY[10, 50, 52, 55])) AS h(host, v),
		     (VALUES (1, interval '40 days'), (2, interval '20 days'), (3, interval '10 days'), (4, interval '1 hour')) AS d(i, ago)`,
		hosts, check)
	s.exec(`INSERT INTO results (time, host_id, plugin_id, check_id, value, status, classification, severity)
		SELECT t, h, 'com.prophasis.load', $2,
		       CASE WHEN extract(isodow FROM t AT TIME ZONE 'UTC') = 2 AND extract(hour FROM t AT TIME ZONE 'UTC') = 14 THEN 9
		            WHEN extract(isodow FROM t AT TIME ZONE 'UTC') = 1 AND extract(hour FROM t AT TIME ZONE 'UTC') = 9 THEN 6
		            WHEN extract(isodow FROM t AT TIME ZONE 'UTC') = 5 AND extract(hour FROM t AT TIME ZONE 'UTC') = 17 THEN 4
		            ELSE 1 END, 'ok', 'ok', 1
		FROM generate_series(date_trunc('hour', now()) - interval '27 days', now() - interval '1 hour', interval '1 hour') AS t,
		     unnest(ARRAY[($1::jsonb ->> 'web1')::bigint, ($1::jsonb ->> 'web2')::bigint]) AS h`,
		hosts, check)
}
