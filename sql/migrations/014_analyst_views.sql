-- The SQL contract for analysts: views in schema analyst with stable names,
-- columns and types, identical in both storage modes (docs/sql.md). A
-- breaking change gets a new view name; tests pin every column. Readers
-- created by `prophasis sql reader create` may read these views and nothing
-- else. Views run with their owner's rights, so the readers need no grant
-- on the tables underneath. No view exposes agent keys, TLS fingerprints,
-- notifier settings, password hashes, tokens or sessions.

CREATE SCHEMA analyst;
COMMENT ON SCHEMA analyst IS
    'Read-only views for analysts (docs/sql.md): stable names and columns; a breaking change gets a new view name.';

CREATE VIEW analyst.hosts AS
SELECT id AS host_id, name AS host_name, address, description, enabled, created_at
FROM hosts;
COMMENT ON VIEW analyst.hosts IS 'Monitored hosts (without agent keys or TLS fingerprints).';
COMMENT ON COLUMN analyst.hosts.host_id IS 'Host id; the host_id of every other view.';
COMMENT ON COLUMN analyst.hosts.host_name IS 'Unique host name.';
COMMENT ON COLUMN analyst.hosts.address IS 'DNS name or IP address the core connects to.';
COMMENT ON COLUMN analyst.hosts.description IS 'Free text.';
COMMENT ON COLUMN analyst.hosts.enabled IS 'False when monitoring of the host is switched off.';
COMMENT ON COLUMN analyst.hosts.created_at IS 'When the host was added.';

CREATE VIEW analyst.plugins AS
SELECT id AS plugin_id, name AS plugin_name, description, active_version
FROM plugins;
COMMENT ON VIEW analyst.plugins IS 'Plugins known to the core (archives and manifests are not exposed).';
COMMENT ON COLUMN analyst.plugins.plugin_id IS 'Reverse-DNS plugin id, e.g. com.example.disk_usage.';
COMMENT ON COLUMN analyst.plugins.plugin_name IS 'Display name.';
COMMENT ON COLUMN analyst.plugins.description IS 'Free text.';
COMMENT ON COLUMN analyst.plugins.active_version IS 'Version pushed to agents; NULL before the first upload.';

CREATE VIEW analyst.checks AS
SELECT id AS check_id, name AS check_name, description, enabled
FROM checks;
COMMENT ON VIEW analyst.checks IS 'Checks: named sets of hosts and host groups crossed with plugins.';
COMMENT ON COLUMN analyst.checks.check_id IS 'Check id.';
COMMENT ON COLUMN analyst.checks.check_name IS 'Unique check name.';
COMMENT ON COLUMN analyst.checks.description IS 'Free text.';
COMMENT ON COLUMN analyst.checks.enabled IS 'False when the check is switched off.';

CREATE VIEW analyst.host_group_members AS
WITH RECURSIVE flat(host_group_id, host_id) AS (
    SELECT group_id, host_id FROM host_group_hosts
    UNION
    SELECT gg.parent_id, f.host_id FROM host_group_groups gg JOIN flat f ON f.host_group_id = gg.child_id
)
SELECT f.host_group_id, g.name AS host_group_name, f.host_id, h.name AS host_name,
       EXISTS (SELECT 1 FROM host_group_hosts d WHERE d.group_id = f.host_group_id AND d.host_id = f.host_id) AS direct
FROM flat f
JOIN host_groups g ON g.id = f.host_group_id
JOIN hosts h ON h.id = f.host_id;
COMMENT ON VIEW analyst.host_group_members IS 'Every host of every host group, nested groups flattened: one row per group x host.';
COMMENT ON COLUMN analyst.host_group_members.host_group_id IS 'Host group id.';
COMMENT ON COLUMN analyst.host_group_members.host_group_name IS 'Host group name.';
COMMENT ON COLUMN analyst.host_group_members.host_id IS 'A host in the group, directly or through nested groups.';
COMMENT ON COLUMN analyst.host_group_members.host_name IS 'Host name.';
COMMENT ON COLUMN analyst.host_group_members.direct IS 'True when the host is a direct member (it may also be one through a nested group).';

CREATE VIEW analyst.results AS
SELECT r.time, r.host_id, h.name AS host_name, r.plugin_id, p.name AS plugin_name,
       r.check_id, c.name AS check_name, r.value, r.message, r.status, r.exit_code,
       r.duration_ms, r.perfdata, r.classification, r.severity, r.reason
FROM results r
LEFT JOIN hosts h ON h.id = r.host_id
LEFT JOIN plugins p ON p.id = r.plugin_id
LEFT JOIN checks c ON c.id = r.check_id;
COMMENT ON VIEW analyst.results IS
    'Every raw result with host, plugin and check names. Kept 90 days by default: use results_hourly / results_daily for longer windows. Always filter on time.';
COMMENT ON COLUMN analyst.results.time IS 'When the plugin ran (or the pushed result was received).';
COMMENT ON COLUMN analyst.results.host_id IS 'Host id (history outlives a deleted host).';
COMMENT ON COLUMN analyst.results.host_name IS 'Host name; NULL when the host has been deleted.';
COMMENT ON COLUMN analyst.results.plugin_id IS 'Plugin id.';
COMMENT ON COLUMN analyst.results.plugin_name IS 'Plugin name; NULL when the plugin has been deleted.';
COMMENT ON COLUMN analyst.results.check_id IS 'Check that scheduled the run; NULL for pushed results.';
COMMENT ON COLUMN analyst.results.check_name IS 'Check name; NULL for pushed results or a deleted check.';
COMMENT ON COLUMN analyst.results.value IS 'The number the plugin returned; NULL when none. Never NaN or infinite.';
COMMENT ON COLUMN analyst.results.message IS 'The message the plugin returned.';
COMMENT ON COLUMN analyst.results.status IS
    'How the run went: ok, plugin_error, connection_error, timeout, auth_error, request_error, sync_error, heartbeat_missed.';
COMMENT ON COLUMN analyst.results.exit_code IS 'Exit code of the plugin process; NULL when it did not run.';
COMMENT ON COLUMN analyst.results.duration_ms IS 'How long the plugin ran, in milliseconds.';
COMMENT ON COLUMN analyst.results.perfdata IS 'Nagios performance data (jsonb); NULL for json plugins.';
COMMENT ON COLUMN analyst.results.classification IS 'ok, unknown, minor, major or critical, as the classifier decided.';
COMMENT ON COLUMN analyst.results.severity IS 'Rank of classification: ok 1, unknown 2, minor 4, major 5, critical 6.';
COMMENT ON COLUMN analyst.results.reason IS 'Why the classifier decided so; may be empty.';

CREATE VIEW analyst.results_hourly AS
SELECT r.bucket, r.host_id, h.name AS host_name, r.plugin_id, p.name AS plugin_name,
       r.check_id, c.name AS check_name, r.avg, r.min, r.max, r.count, r.sum, r.total,
       r.worst_severity, r.worst_classification
FROM results_hourly r
LEFT JOIN hosts h ON h.id = r.host_id
LEFT JOIN plugins p ON p.id = r.plugin_id
LEFT JOIN checks c ON c.id = r.check_id;
COMMENT ON VIEW analyst.results_hourly IS 'Results per UTC hour x host x plugin x check, with names. Kept 2 years by default.';

CREATE VIEW analyst.results_daily AS
SELECT r.bucket, r.host_id, h.name AS host_name, r.plugin_id, p.name AS plugin_name,
       r.check_id, c.name AS check_name, r.avg, r.min, r.max, r.count, r.sum, r.total,
       r.worst_severity, r.worst_classification
FROM results_daily r
LEFT JOIN hosts h ON h.id = r.host_id
LEFT JOIN plugins p ON p.id = r.plugin_id
LEFT JOIN checks c ON c.id = r.check_id;
COMMENT ON VIEW analyst.results_daily IS 'Results per UTC day x host x plugin x check, with names. Kept 10 years by default.';
{{range $t := list "results_hourly" "results_daily"}}
COMMENT ON COLUMN analyst.{{$t}}.bucket IS 'Start of the UTC hour (hourly) or UTC day (daily).';
COMMENT ON COLUMN analyst.{{$t}}.host_id IS 'Host id.';
COMMENT ON COLUMN analyst.{{$t}}.host_name IS 'Host name; NULL when the host has been deleted.';
COMMENT ON COLUMN analyst.{{$t}}.plugin_id IS 'Plugin id.';
COMMENT ON COLUMN analyst.{{$t}}.plugin_name IS 'Plugin name; NULL when the plugin has been deleted.';
COMMENT ON COLUMN analyst.{{$t}}.check_id IS 'Check id; NULL for pushed results.';
COMMENT ON COLUMN analyst.{{$t}}.check_name IS 'Check name; NULL for pushed results or a deleted check.';
COMMENT ON COLUMN analyst.{{$t}}.avg IS 'Mean of the values in the bucket (sum / count); NULL when count is 0.';
COMMENT ON COLUMN analyst.{{$t}}.min IS 'Smallest value in the bucket.';
COMMENT ON COLUMN analyst.{{$t}}.max IS 'Largest value in the bucket.';
COMMENT ON COLUMN analyst.{{$t}}.count IS 'Number of results with a value.';
COMMENT ON COLUMN analyst.{{$t}}.sum IS 'Sum of the values; NULL when count is 0.';
COMMENT ON COLUMN analyst.{{$t}}.total IS 'Number of results, with or without a value.';
COMMENT ON COLUMN analyst.{{$t}}.worst_severity IS 'Highest severity rank in the bucket.';
COMMENT ON COLUMN analyst.{{$t}}.worst_classification IS 'Classification of worst_severity.';
{{end}}
CREATE VIEW analyst.current_state AS
SELECT s.host_id, h.name AS host_name, s.plugin_id, p.name AS plugin_name, s.check_id, c.name AS check_name,
       s.time, s.value, s.message, s.status, s.classification, s.severity, s.reason, s.since
FROM current_state s
JOIN hosts h ON h.id = s.host_id
JOIN plugins p ON p.id = s.plugin_id
LEFT JOIN checks c ON c.id = s.check_id;
COMMENT ON VIEW analyst.current_state IS 'The latest result of every host x plugin x check, with names.';
COMMENT ON COLUMN analyst.current_state.host_id IS 'Host id.';
COMMENT ON COLUMN analyst.current_state.host_name IS 'Host name.';
COMMENT ON COLUMN analyst.current_state.plugin_id IS 'Plugin id.';
COMMENT ON COLUMN analyst.current_state.plugin_name IS 'Plugin name.';
COMMENT ON COLUMN analyst.current_state.check_id IS 'Check id; NULL for pushed results.';
COMMENT ON COLUMN analyst.current_state.check_name IS 'Check name; NULL for pushed results.';
COMMENT ON COLUMN analyst.current_state.time IS 'Time of the latest result.';
COMMENT ON COLUMN analyst.current_state.value IS 'Value of the latest result; NULL when none.';
COMMENT ON COLUMN analyst.current_state.message IS 'Message of the latest result.';
COMMENT ON COLUMN analyst.current_state.status IS 'How the latest run went (see analyst.results.status).';
COMMENT ON COLUMN analyst.current_state.classification IS 'Classification of the latest result.';
COMMENT ON COLUMN analyst.current_state.severity IS 'Rank of classification.';
COMMENT ON COLUMN analyst.current_state.reason IS 'Why the classifier decided so.';
COMMENT ON COLUMN analyst.current_state.since IS 'When the current classification began.';

-- Health in SQL follows query/health*.go (a test compares them): a host is
-- the worst current classification over the plugins assigned to it by an
-- enabled check plus pushed results; a group the worst of its hosts; a
-- redundancy group its least severe member with data, degraded when that
-- member is ok and another is not; a service the worst of its dependencies.
CREATE VIEW analyst.host_health AS
WITH assigned AS MATERIALIZED (
    SELECT a.host_id, cp.plugin_id, a.check_id
    FROM (SELECT check_id, host_id FROM check_hosts
          UNION
          SELECT cg.check_id, m.host_id
          FROM check_host_groups cg JOIN analyst.host_group_members m ON m.host_group_id = cg.group_id) a
    JOIN checks c ON c.id = a.check_id AND c.enabled
    JOIN check_plugins cp ON cp.check_id = a.check_id
), counted AS (
    SELECT cs.host_id, cs.severity, cs.time FROM current_state cs
    WHERE cs.check_id IS NULL
       OR (cs.host_id, cs.plugin_id, cs.check_id) IN (SELECT host_id, plugin_id, check_id FROM assigned)
), worst AS (
    SELECT h.id, h.name, h.enabled, coalesce(max(c.severity), 0)::smallint AS severity, max(c.time) AS last_result_at
    FROM hosts h LEFT JOIN counted c ON c.host_id = h.id
    GROUP BY h.id
)
SELECT w.id AS host_id, w.name AS host_name, w.enabled, prophasis_state(w.severity) AS state, w.severity,
       w.last_result_at,
       (SELECT CASE WHEN l.to_state = prophasis_state(w.severity) THEN l.time END
        FROM (SELECT time, to_state FROM health_changes WHERE host_id = w.id ORDER BY time DESC LIMIT 1) l) AS since
FROM worst w;
COMMENT ON VIEW analyst.host_health IS
    'Current health of every host: the worst current classification over its assigned checks and pushed results.';
COMMENT ON COLUMN analyst.host_health.host_id IS 'Host id.';
COMMENT ON COLUMN analyst.host_health.host_name IS 'Host name.';
COMMENT ON COLUMN analyst.host_health.enabled IS 'False when monitoring of the host is switched off.';
COMMENT ON COLUMN analyst.host_health.state IS 'no_data, ok, unknown, minor, major or critical.';
COMMENT ON COLUMN analyst.host_health.severity IS 'Rank of state: no_data 0, ok 1, unknown 2, degraded 3, minor 4, major 5, critical 6.';
COMMENT ON COLUMN analyst.host_health.last_result_at IS 'Time of the newest result counted; NULL when none.';
COMMENT ON COLUMN analyst.host_health.since IS
    'When the host entered this state (latest health change); NULL when no matching change is recorded.';

CREATE VIEW analyst.host_group_health AS
SELECT g.id AS host_group_id, g.name AS host_group_name,
       prophasis_state(coalesce(max(hh.severity), 0)::smallint) AS state,
       coalesce(max(hh.severity), 0)::smallint AS severity,
       count(m.host_id) AS hosts
FROM host_groups g
LEFT JOIN analyst.host_group_members m ON m.host_group_id = g.id
LEFT JOIN analyst.host_health hh ON hh.host_id = m.host_id
GROUP BY g.id;
COMMENT ON VIEW analyst.host_group_health IS 'Current health of every host group: the worst health of its hosts, nested groups included.';
COMMENT ON COLUMN analyst.host_group_health.host_group_id IS 'Host group id.';
COMMENT ON COLUMN analyst.host_group_health.host_group_name IS 'Host group name.';
COMMENT ON COLUMN analyst.host_group_health.state IS 'Worst state of its hosts; no_data for a group without hosts.';
COMMENT ON COLUMN analyst.host_group_health.severity IS 'Rank of state.';
COMMENT ON COLUMN analyst.host_group_health.hosts IS 'Number of hosts in the group, nested groups included.';

CREATE VIEW analyst.service_health AS
WITH hh AS MATERIALIZED (
    SELECT host_id, severity FROM analyst.host_health
), members AS MATERIALIZED (
    SELECT host_group_id, host_id FROM analyst.host_group_members
), grp AS (
    SELECT m.host_group_id, max(hh.severity) AS severity FROM members m JOIN hh USING (host_id) GROUP BY 1
), red_hosts AS (
    SELECT group_id, host_id FROM redundancy_group_members WHERE host_id IS NOT NULL
    UNION
    SELECT rm.group_id, m.host_id FROM redundancy_group_members rm JOIN members m ON m.host_group_id = rm.host_group_id
), red AS (
    SELECT rh.group_id, min(hh.severity) FILTER (WHERE hh.severity > 0) AS best, max(hh.severity) AS worst
    FROM red_hosts rh JOIN hh USING (host_id)
    GROUP BY 1
), deps AS (
    SELECT d.service_id,
           coalesce(h.severity, g.severity, CASE WHEN r.best = 1 AND r.worst > 1 THEN 3 ELSE r.best END, 0) AS severity
    FROM service_dependencies d
    LEFT JOIN hh h ON h.host_id = d.host_id
    LEFT JOIN grp g ON g.host_group_id = d.host_group_id
    LEFT JOIN red r ON r.group_id = d.redundancy_group_id
)
SELECT s.id AS service_id, s.name AS service_name,
       prophasis_state(coalesce(max(d.severity), 0)::smallint) AS state,
       coalesce(max(d.severity), 0)::smallint AS severity
FROM services s
LEFT JOIN deps d ON d.service_id = s.id
GROUP BY s.id;
COMMENT ON VIEW analyst.service_health IS
    'Current health of every service: the worst of its dependencies; a redundancy group counts as its least severe member with data, degraded when that one is ok and another is not.';
COMMENT ON COLUMN analyst.service_health.service_id IS 'Service id.';
COMMENT ON COLUMN analyst.service_health.service_name IS 'Service name.';
COMMENT ON COLUMN analyst.service_health.state IS 'no_data, ok, unknown, degraded, minor, major or critical.';
COMMENT ON COLUMN analyst.service_health.severity IS 'Rank of state.';

CREATE VIEW analyst.state_changes AS
SELECT sc.time, sc.host_id, h.name AS host_name, sc.plugin_id, p.name AS plugin_name,
       sc.check_id, c.name AS check_name, sc.from_state, sc.to_state, sc.value, sc.message,
       lead(sc.time) OVER w AS ended_at,
       coalesce(lead(sc.time) OVER w, now()) - sc.time AS duration
FROM state_changes sc
LEFT JOIN hosts h ON h.id = sc.host_id
LEFT JOIN plugins p ON p.id = sc.plugin_id
LEFT JOIN checks c ON c.id = sc.check_id
WINDOW w AS (PARTITION BY sc.host_id, sc.plugin_id, sc.check_id ORDER BY sc.time);
COMMENT ON VIEW analyst.state_changes IS
    'Every change of classification of a host x plugin x check, with how long the new classification lasted.';
COMMENT ON COLUMN analyst.state_changes.time IS 'Time of the result that changed the classification.';
COMMENT ON COLUMN analyst.state_changes.host_id IS 'Host id.';
COMMENT ON COLUMN analyst.state_changes.host_name IS 'Host name; NULL when the host has been deleted.';
COMMENT ON COLUMN analyst.state_changes.plugin_id IS 'Plugin id.';
COMMENT ON COLUMN analyst.state_changes.plugin_name IS 'Plugin name; NULL when the plugin has been deleted.';
COMMENT ON COLUMN analyst.state_changes.check_id IS 'Check id; NULL for pushed results.';
COMMENT ON COLUMN analyst.state_changes.check_name IS 'Check name; NULL for pushed results or a deleted check.';
COMMENT ON COLUMN analyst.state_changes.from_state IS 'Classification before; no_data for the first result of a series.';
COMMENT ON COLUMN analyst.state_changes.to_state IS 'Classification from this change on.';
COMMENT ON COLUMN analyst.state_changes.value IS 'Value of the result that changed it.';
COMMENT ON COLUMN analyst.state_changes.message IS 'Message of the result that changed it.';
COMMENT ON COLUMN analyst.state_changes.ended_at IS 'Time of the next change of the same series; NULL while to_state still holds.';
COMMENT ON COLUMN analyst.state_changes.duration IS 'ended_at - time, or now() - time while to_state still holds.';

CREATE VIEW analyst.health_changes AS
SELECT hc.time,
       CASE WHEN hc.host_id IS NOT NULL THEN 'host'
            WHEN hc.host_group_id IS NOT NULL THEN 'host_group'
            ELSE 'service' END AS subject_kind,
       coalesce(hc.host_id, hc.host_group_id, hc.service_id) AS subject_id,
       coalesce(h.name, g.name, s.name) AS subject_name,
       hc.from_state, hc.to_state,
       lead(hc.time) OVER w AS ended_at,
       coalesce(lead(hc.time) OVER w, now()) - hc.time AS duration
FROM health_changes hc
LEFT JOIN hosts h ON h.id = hc.host_id
LEFT JOIN host_groups g ON g.id = hc.host_group_id
LEFT JOIN services s ON s.id = hc.service_id
WINDOW w AS (PARTITION BY hc.host_id, hc.host_group_id, hc.service_id ORDER BY hc.time);
COMMENT ON VIEW analyst.health_changes IS
    'Every change of health of a host, host group or service (degraded included), with how long the new health lasted.';
COMMENT ON COLUMN analyst.health_changes.time IS 'When the health changed.';
COMMENT ON COLUMN analyst.health_changes.subject_kind IS 'host, host_group or service.';
COMMENT ON COLUMN analyst.health_changes.subject_id IS 'Id of the host, host group or service.';
COMMENT ON COLUMN analyst.health_changes.subject_name IS 'Its name; NULL when it has been deleted.';
COMMENT ON COLUMN analyst.health_changes.from_state IS 'Health before.';
COMMENT ON COLUMN analyst.health_changes.to_state IS 'Health from this change on.';
COMMENT ON COLUMN analyst.health_changes.ended_at IS 'Time of the next change of the same subject; NULL while to_state still holds.';
COMMENT ON COLUMN analyst.health_changes.duration IS 'ended_at - time, or now() - time while to_state still holds.';

-- Days are UTC; 24-hour steps keep them so whatever the session time zone.
CREATE VIEW analyst.availability_daily AS
WITH spans AS (
    SELECT subject_kind, subject_id, subject_name, to_state AS state, time AS starts_at, coalesce(ended_at, now()) AS ends_at
    FROM analyst.health_changes
), pieces AS (
    SELECT s.subject_kind, s.subject_id, s.subject_name, s.state, d.day,
           extract(epoch FROM least(s.ends_at, d.day + interval '24 hours') - greatest(s.starts_at, d.day))::double precision AS seconds
    FROM spans s
    CROSS JOIN LATERAL generate_series(date_trunc('day', s.starts_at, 'UTC'), s.ends_at, interval '24 hours') AS d(day)
), per_state AS (
    SELECT (day AT TIME ZONE 'UTC')::date AS day, subject_kind, subject_id, max(subject_name) AS subject_name, state,
           sum(seconds) AS seconds
    FROM pieces
    WHERE seconds > 0
    GROUP BY 1, subject_kind, subject_id, state
)
SELECT day, subject_kind, subject_id, subject_name, state, seconds,
       100 * seconds / sum(seconds) OVER (PARTITION BY day, subject_kind, subject_id) AS percent
FROM per_state;
COMMENT ON VIEW analyst.availability_daily IS
    'Time spent in each health state per UTC day by every host, host group and service, from health changes clipped to day boundaries.';
COMMENT ON COLUMN analyst.availability_daily.day IS 'The UTC day.';
COMMENT ON COLUMN analyst.availability_daily.subject_kind IS 'host, host_group or service.';
COMMENT ON COLUMN analyst.availability_daily.subject_id IS 'Id of the host, host group or service.';
COMMENT ON COLUMN analyst.availability_daily.subject_name IS 'Its name; NULL when it has been deleted.';
COMMENT ON COLUMN analyst.availability_daily.state IS 'A health state the subject was in that day.';
COMMENT ON COLUMN analyst.availability_daily.seconds IS 'Seconds of that day spent in state (today: up to now).';
COMMENT ON COLUMN analyst.availability_daily.percent IS
    'seconds as a percentage of the observed part of the day: before the first recorded health change nothing is counted.';

CREATE VIEW analyst.alerts AS
SELECT time, rule_id, rule_name, notifier_id, notifier_name, host_id, service_id, subject_name,
       kind, from_state, to_state, outcome, reason, attempt
FROM alert_log;
COMMENT ON VIEW analyst.alerts IS 'Every notification attempt: sent, failed or muted (alert_log).';
COMMENT ON COLUMN analyst.alerts.time IS 'When the attempt was made.';
COMMENT ON COLUMN analyst.alerts.rule_id IS 'Alert rule id; NULL once the rule is deleted.';
COMMENT ON COLUMN analyst.alerts.rule_name IS 'Rule name at the time.';
COMMENT ON COLUMN analyst.alerts.notifier_id IS 'Notifier id; NULL once deleted, or for a muted attempt.';
COMMENT ON COLUMN analyst.alerts.notifier_name IS 'Notifier name at the time; empty for a muted attempt.';
COMMENT ON COLUMN analyst.alerts.host_id IS 'Host the alert was about; NULL for a service alert or once the host is deleted.';
COMMENT ON COLUMN analyst.alerts.service_id IS 'Service the alert was about; NULL for a host alert or once the service is deleted.';
COMMENT ON COLUMN analyst.alerts.subject_name IS 'Host or service name at the time.';
COMMENT ON COLUMN analyst.alerts.kind IS 'problem, recovery, repeat, escalation or test.';
COMMENT ON COLUMN analyst.alerts.from_state IS 'Health before the transition notified; NULL for a test.';
COMMENT ON COLUMN analyst.alerts.to_state IS 'Health after the transition notified; NULL for a test.';
COMMENT ON COLUMN analyst.alerts.outcome IS 'sent, failed or muted.';
COMMENT ON COLUMN analyst.alerts.reason IS 'The error (failed, URLs redacted) or why it was muted; empty when sent.';
COMMENT ON COLUMN analyst.alerts.attempt IS 'Number of delivery attempts made.';
