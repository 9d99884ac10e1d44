package schema_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/prophasis/prophasis/internal/schema"
)

// seedAll creates one row of each configuration table the cases refer to.
func seedAll(t testing.TB, conn db) {
	t.Helper()
	seedConfig(t, conn)
	exec(t, conn, `INSERT INTO host_groups (name) VALUES ('a'), ('b'), ('c')`)
	exec(t, conn, `INSERT INTO checks (name) VALUES ('base')`)
	exec(t, conn, `INSERT INTO services (name) VALUES ('shop'), ('mail')`)
	exec(t, conn, `INSERT INTO redundancy_groups (service_id, name) VALUES (1, 'web')`)
	exec(t, conn, `INSERT INTO notifiers (name, kind) VALUES ('ops', 'email')`)
}

func TestConstraintsRejectImpossibleRows(t *testing.T) {
	eachMode(t, func(t *testing.T, conn db) {
		seedAll(t, conn)
		tests := []struct {
			name, sql string
			code      string // SQLSTATE expected
		}{
			{"result severity disagrees with classification", `INSERT INTO results (time, host_id, plugin_id, status, classification, severity)
				VALUES (now(), 1, 'com.example.cpu', 'ok', 'critical', 1)`, "23514"},
			{"result classified degraded", `INSERT INTO results (time, host_id, plugin_id, status, classification, severity)
				VALUES (now(), 1, 'com.example.cpu', 'ok', 'degraded', 3)`, "23514"},
			{"result value NaN", `INSERT INTO results (time, host_id, plugin_id, value, status, classification, severity)
				VALUES (now(), 1, 'com.example.cpu', 'NaN', 'ok', 'ok', 1)`, "23514"},
			{"result unknown status", `INSERT INTO results (time, host_id, plugin_id, status, classification, severity)
				VALUES (now(), 1, 'com.example.cpu', 'fine', 'ok', 1)`, "23514"},
			{"current state of an unknown host", `INSERT INTO current_state (host_id, plugin_id, time, status, classification, severity, since)
				VALUES (999, 'com.example.cpu', now(), 'ok', 'ok', 1, now())`, "23503"},
			{"agent port out of range", `INSERT INTO hosts (name, address, agent_port) VALUES ('x', 'x', 70000)`, "23514"},
			{"duplicate host name", `INSERT INTO hosts (name, address) VALUES ('web1', 'elsewhere')`, "23505"},
			{"fingerprint not sha256", `INSERT INTO hosts (name, address, tls_fingerprint) VALUES ('x', 'x', '\x0102')`, "23514"},
			{"username differing only in case", `INSERT INTO users (username, password_hash, role) VALUES ('Ann', '$argon2id$x', 'admin'), ('ann', '$argon2id$y', 'viewer')`, "23505"},
			{"password not argon2id", `INSERT INTO users (username, password_hash, role) VALUES ('bob', 'plain', 'admin')`, "23514"},
			{"unknown role", `INSERT INTO users (username, password_hash, role) VALUES ('bob', '$argon2id$x', 'root')`, "23514"},
			{"plugin id not reverse-DNS", `INSERT INTO plugins (id, name) VALUES ('../etc', 'x')`, "23514"},
			{"plugin version not semver", `INSERT INTO plugin_versions (plugin_id, version, archive, sha256, manifest)
				VALUES ('com.example.cpu', '1.0', '\x00', sha256('\x00'), '{}')`, "23514"},
			{"active version never uploaded", `UPDATE plugins SET active_version = '9.9.9' WHERE id = 'com.example.cpu'`, "23503"},
			{"two default classifiers", `INSERT INTO classifiers (plugin_id, code) VALUES ('com.example.cpu', 'return "ok"'), ('com.example.cpu', 'return "ok"')`, "23505"},
			{"zero period", `INSERT INTO schedules (name) VALUES ('s');
				INSERT INTO schedule_intervals (schedule_id, start_at, period) VALUES (1, now(), '0 seconds')`, "23514"},
			{"dependency on two things", `INSERT INTO service_dependencies (service_id, host_id, host_group_id) VALUES (1, 1, 1)`, "23514"},
			{"dependency on another service's redundancy group", `INSERT INTO service_dependencies (service_id, redundancy_group_id) VALUES (2, 1)`, "23503"},
			{"rule with an unknown state", `INSERT INTO alert_rules (name, scope_kind, from_states, to_states) VALUES ('r', 'all_hosts', '{ok}', '{broken}')`, "23514"},
			{"rule with no to-states", `INSERT INTO alert_rules (name, scope_kind, from_states, to_states) VALUES ('r', 'all_hosts', '{ok}', '{}')`, "23514"},
			{"unknown notifier kind", `INSERT INTO notifiers (name, kind) VALUES ('n', 'pager')`, "23514"},
			{"one-off window ending before it starts", `INSERT INTO maintenance_windows (name, kind, starts_at, ends_at)
				VALUES ('m', 'once', now(), now() - interval '1 hour')`, "23514"},
			{"recurring window in an unknown zone", `INSERT INTO maintenance_windows (name, kind, days_of_week, start_time, end_time, time_zone)
				VALUES ('m', 'recurring', '{1,2}', '22:00', '02:00', 'Mars/Olympus')`, "23514"},
			{"recurring window on day 7", `INSERT INTO maintenance_windows (name, kind, days_of_week, start_time, end_time, time_zone)
				VALUES ('m', 'recurring', '{7}', '22:00', '02:00', 'UTC')`, "23514"},
			{"two open acknowledgements", `INSERT INTO acknowledgements (host_id, state) VALUES (1, 'critical'), (1, 'major')`, "23505"},
			{"acknowledging ok", `INSERT INTO acknowledgements (host_id, state) VALUES (1, 'ok')`, "23514"},
			{"state change to the same state", `INSERT INTO state_changes (time, host_id, plugin_id, from_state, to_state)
				VALUES (now(), 1, 'com.example.cpu', 'ok', 'ok')`, "23514"},
			{"group containing itself", `INSERT INTO host_group_groups VALUES (1, 1)`, "23514"},
			{"group cycle", `INSERT INTO host_group_groups VALUES (1, 2), (2, 3), (3, 1)`, "23514"},
			{"two current states for one pushed series", `INSERT INTO current_state (host_id, plugin_id, time, status, classification, severity, since)
				VALUES (1, 'com.example.cpu', now(), 'ok', 'ok', 1, now()), (1, 'com.example.cpu', now(), 'ok', 'ok', 1, now())`, "23505"},
			{"api token scope", `INSERT INTO api_tokens (name, token_hash, scope) VALUES ('t', sha256('x'), 'admin')`, "23514"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if code := sqlState(t, conn, tt.sql); code != tt.code {
					t.Fatalf("SQLSTATE %q, want %q", code, tt.code)
				}
			})
		}
	})
}

// sqlState runs sql in a transaction that is rolled back, checking deferred
// constraints too, and returns the SQLSTATE of the error ("" for none).
func sqlState(t testing.TB, conn db, sql string) string {
	t.Helper()
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	_, err = tx.Exec(ctx, sql)
	if err == nil {
		_, err = tx.Exec(ctx, `SET CONSTRAINTS ALL IMMEDIATE`)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	if err != nil {
		t.Fatal(err)
	}
	return ""
}

func TestValidRowsAreAccepted(t *testing.T) {
	conn := migrated(t, schema.ModePlain)
	seedAll(t, conn)
	for _, sql := range []string{
		`INSERT INTO host_group_groups VALUES (1, 2), (2, 3), (1, 3)`,
		`INSERT INTO plugin_versions (plugin_id, version, archive, sha256, manifest)
			VALUES ('com.example.cpu', '1.2.3-rc.1+build.5', '\x00', sha256('\x00'), '{"id": "com.example.cpu"}');
		 UPDATE plugins SET active_version = '1.2.3-rc.1+build.5' WHERE id = 'com.example.cpu'`,
		`INSERT INTO maintenance_windows (name, kind, days_of_week, start_time, end_time, time_zone)
			VALUES ('nightly', 'recurring', '{0,6}', '22:00', '02:00', 'Europe/London')`,
		`INSERT INTO service_dependencies (service_id, redundancy_group_id) VALUES (1, 1)`,
		`INSERT INTO current_state (host_id, plugin_id, time, status, classification, severity, since)
			VALUES (1, 'com.example.cpu', now(), 'ok', 'ok', 1, now());
		 INSERT INTO current_state (host_id, plugin_id, time, status, classification, severity, since)
			VALUES (1, 'com.example.cpu', now(), 'ok', 'minor', 4, now())
			ON CONFLICT (host_id, plugin_id, check_id) DO UPDATE SET classification = excluded.classification, severity = excluded.severity`,
		`INSERT INTO alert_rules (name, scope_kind, from_states, to_states, repeat_interval) VALUES ('r', 'all_services', '{ok,no_data}', '{degraded,critical}', '1 hour')`,
	} {
		if code := sqlState(t, conn, sql); code != "" {
			t.Errorf("%s: SQLSTATE %s", sql, code)
		}
	}
}
