package dashboards

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/internal/storage"
)

// hostile is a host name, message and series name that would run code (set
// window.pwned) if any page or chart treated it as markup or script, or
// if go-echarts' renderer turned its "__f__" string into a function.
const hostile = `web<script>window.pwned=1</script>"><img src=x onerror="window.pwned=2">__f__(function(){window.pwned=3})()__f__`

// reportFixture is what seedReports stored.
type reportFixture struct {
	host, quiet, service     int64
	incidentFrom, incidentTo time.Time
}

// seedReports stores two hosts with a check running a percent plugin
// (1-minute results for 3 days, critical for an hour 5 h ago) and a state
// plugin (every 10 minutes), their state changes, current state and
// health log, all ending at the app's clock.
func seedReports(t testing.TB, a *testApp) reportFixture {
	t.Helper()
	ctx := context.Background()
	now := a.clock.Now().Truncate(time.Minute)
	f := reportFixture{incidentFrom: now.Add(-5 * time.Hour), incidentTo: now.Add(-4 * time.Hour)}
	var check int64
	for _, q := range []struct {
		sql  string
		args []any
		dest *int64
	}{
		{`INSERT INTO hosts (name, address) VALUES ($1, '127.0.0.1') RETURNING id`, []any{hostile}, &f.host},
		{`INSERT INTO hosts (name, address) VALUES ('quiet', '127.0.0.2') RETURNING id`, nil, &f.quiet},
		{`INSERT INTO checks (name) VALUES ('basics') RETURNING id`, nil, &check},
	} {
		if err := a.db.QueryRow(ctx, q.sql, q.args...).Scan(q.dest); err != nil {
			t.Fatal(err)
		}
	}
	mustExec(t, a, `INSERT INTO plugins (id, name) VALUES ('test.cpu', $1), ('test.raid', 'RAID')`, "CPU "+hostile)
	mustExec(t, a, `INSERT INTO plugin_versions (plugin_id, version, archive, sha256, manifest) VALUES
		('test.cpu', '1.0.0', 'x', decode(repeat('00', 32), 'hex'), '{"view": {"kind": "percent", "unit": "%"}}'),
		('test.raid', '1.0.0', 'x', decode(repeat('00', 32), 'hex'), '{"view": {"kind": "state"}}')`)
	mustExec(t, a, `UPDATE plugins SET active_version = '1.0.0'`)
	mustExec(t, a, `INSERT INTO check_hosts (check_id, host_id) VALUES ($1, $2), ($1, $3)`, check, f.host, f.quiet)
	mustExec(t, a, `INSERT INTO check_plugins (check_id, plugin_id) VALUES ($1, 'test.cpu'), ($1, 'test.raid')`, check)
	var rows []storage.Result
	for tm := now.Add(-72 * time.Hour); tm.Before(now); tm = tm.Add(time.Minute) {
		for _, h := range []int64{f.host, f.quiet} {
			v := 50 + 40*math.Sin(float64(tm.Unix())/3600)
			cls := state.OK
			if h == f.host && !tm.Before(f.incidentFrom) && tm.Before(f.incidentTo) {
				v, cls = 99, state.Critical
			}
			rows = append(rows, storage.Result{Time: tm, HostID: h, PluginID: "test.cpu", CheckID: check, Value: &v, Status: "ok", Classification: cls})
			if tm.Minute()%10 == 0 {
				rows = append(rows, storage.Result{Time: tm, HostID: h, PluginID: "test.raid", CheckID: check, Message: "raid fine", Status: "ok", Classification: state.OK})
			}
		}
	}
	if _, err := storage.CopyResults(ctx, a.db, rows); err != nil {
		t.Fatal(err)
	}
	series := storage.Series{HostID: f.host, PluginID: "test.cpu", CheckID: check}
	start := now.Add(-72 * time.Hour)
	v := 99.0
	if err := storage.CopyStateChanges(ctx, a.db, []storage.StateChange{
		{Series: series, Time: start, From: state.NoData, To: state.OK},
		{Series: storage.Series{HostID: f.host, PluginID: "test.raid", CheckID: check}, Time: start, From: state.NoData, To: state.OK},
		{Series: series, Time: f.incidentFrom, From: state.OK, To: state.Critical, Value: &v, Message: "cpu melting " + hostile},
		{Series: series, Time: f.incidentTo, From: state.Critical, To: state.OK},
	}); err != nil {
		t.Fatal(err)
	}
	if err := storage.CopyHealthChanges(ctx, a.db, []storage.HealthChange{
		{Time: start, HostID: f.host, From: state.NoData, To: state.OK},
		{Time: f.incidentFrom, HostID: f.host, From: state.OK, To: state.Critical},
		{Time: f.incidentTo, HostID: f.host, From: state.Critical, To: state.OK},
		{Time: start, HostID: f.quiet, From: state.NoData, To: state.OK},
	}); err != nil {
		t.Fatal(err)
	}
	last := 97.0
	mustExec(t, a, `INSERT INTO current_state (host_id, plugin_id, check_id, time, value, message, status, classification, severity, since) VALUES
		($1, 'test.cpu', $3, $4, $5, $6, 'ok', 'minor', 4, $4), ($1, 'test.raid', $3, $4, NULL, 'raid fine', 'ok', 'ok', 1, $7),
		($2, 'test.cpu', $3, $4, 12, 'fine', 'ok', 'ok', 1, $7)`, f.host, f.quiet, check, now.Add(-time.Minute), last, "hot "+hostile, start)
	var rg int64
	if err := a.db.QueryRow(ctx, `INSERT INTO services (name) VALUES ($1) RETURNING id`, "shop "+hostile).Scan(&f.service); err != nil {
		t.Fatal(err)
	}
	if err := a.db.QueryRow(ctx, `INSERT INTO redundancy_groups (service_id, name) VALUES ($1, 'web') RETURNING id`, f.service).Scan(&rg); err != nil {
		t.Fatal(err)
	}
	mustExec(t, a, `INSERT INTO redundancy_group_members (group_id, host_id) VALUES ($1, $2), ($1, $3)`, rg, f.host, f.quiet)
	mustExec(t, a, `INSERT INTO service_dependencies (service_id, redundancy_group_id) VALUES ($1, $2)`, f.service, rg)
	mustExec(t, a, `INSERT INTO health_changes (time, service_id, from_state, to_state) VALUES ($1, $2, 'no_data', 'ok'), ($3, $2, 'ok', 'degraded'), ($4, $2, 'degraded', 'ok')`,
		start, f.service, f.incidentFrom, f.incidentTo)
	return f
}

func mustExec(t testing.TB, a *testApp, sql string, args ...any) {
	t.Helper()
	if _, err := a.db.Exec(context.Background(), sql, args...); err != nil {
		t.Fatal(err)
	}
}
