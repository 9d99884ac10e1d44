-- Results, the latest state of every host x plugin x check, and the logs
-- of state and health changes. In timescale mode results, state_changes and
-- health_changes are hypertables; the columns are the same in both modes.

CREATE FUNCTION prophasis_valid_status(status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN status IN ('ok', 'plugin_error', 'connection_error', 'timeout', 'auth_error',
                      'request_error', 'sync_error', 'heartbeat_missed');
COMMENT ON FUNCTION prophasis_valid_status(text) IS 'The result statuses: how the run went, before classification.';

-- History tables (results, state_changes, health_changes and the plain
-- rollups) have no foreign keys: a check per row costs a lookup and a row
-- lock on hosts at every insert, a host deleted while its results are in
-- flight would fail a whole ingest batch, and cascading a delete through
-- months of compressed chunks would stall the delete. Their rows outlive
-- a deleted host until retention removes them; views join to hosts.
CREATE TABLE results (
    time           timestamptz NOT NULL,
    host_id        bigint NOT NULL,
    plugin_id      text NOT NULL,
    check_id       bigint,
    value          double precision CHECK (value > '-Infinity' AND value < 'Infinity'),
    message        text NOT NULL DEFAULT '',
    status         text NOT NULL CHECK (prophasis_valid_status(status)),
    exit_code      integer,
    duration_ms    integer CHECK (duration_ms >= 0),
    perfdata       jsonb CHECK (jsonb_typeof(perfdata) IN ('array', 'object')),
    classification text NOT NULL CHECK (classification IN ('ok', 'unknown', 'minor', 'major', 'critical')),
    severity       smallint NOT NULL,
    reason         text NOT NULL DEFAULT '',
    CHECK (severity = prophasis_severity(classification))
);
{{if .Timescale}}
SELECT create_hypertable('results', by_range('time', INTERVAL '1 day'));
{{else}}
CREATE INDEX results_time_idx ON results USING brin (time);
{{end}}
CREATE INDEX results_series_idx ON results (host_id, plugin_id, time DESC);
COMMENT ON TABLE results IS
    'Every result, classified. Append-only. Timescale mode: hypertable with 1-day chunks, compressed after 7 days.';
COMMENT ON COLUMN results.time IS 'When the plugin ran (or the pushed result was received).';
COMMENT ON COLUMN results.host_id IS 'hosts.id. Not a foreign key: history outlives a deleted host until retention.';
COMMENT ON COLUMN results.plugin_id IS 'plugins.id. Not a foreign key, like host_id.';
COMMENT ON COLUMN results.check_id IS 'checks.id of the check that scheduled the run; NULL for pushed results. Not a foreign key.';
COMMENT ON COLUMN results.value IS 'The number the plugin returned; NULL when it returned none. Never NaN or infinite.';
COMMENT ON COLUMN results.status IS
    'ok, plugin_error, connection_error, timeout, auth_error, request_error, sync_error (plugin install failed), heartbeat_missed.';
COMMENT ON COLUMN results.exit_code IS 'Exit code of the plugin process; NULL when it did not run.';
COMMENT ON COLUMN results.perfdata IS 'Nagios performance data parsed by the agent, NULL for json plugins.';
COMMENT ON COLUMN results.classification IS 'ok, unknown, minor, major or critical, as the classifier decided.';
COMMENT ON COLUMN results.severity IS 'Rank of classification: ok 1, unknown 2, minor 4, major 5, critical 6 (see prophasis_severity).';
COMMENT ON COLUMN results.reason IS 'Why the classifier decided so (optional second return value).';

CREATE TABLE current_state (
    host_id        bigint NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    plugin_id      text NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    check_id       bigint REFERENCES checks (id) ON DELETE CASCADE,
    time           timestamptz NOT NULL,
    value          double precision CHECK (value > '-Infinity' AND value < 'Infinity'),
    message        text NOT NULL DEFAULT '',
    status         text NOT NULL CHECK (prophasis_valid_status(status)),
    classification text NOT NULL CHECK (classification IN ('ok', 'unknown', 'minor', 'major', 'critical')),
    severity       smallint NOT NULL,
    reason         text NOT NULL DEFAULT '',
    since          timestamptz NOT NULL,
    CHECK (severity = prophasis_severity(classification)),
    CHECK (since <= time),
    UNIQUE NULLS NOT DISTINCT (host_id, plugin_id, check_id)
);
CREATE INDEX current_state_plugin_idx ON current_state (plugin_id);
CREATE INDEX current_state_check_idx ON current_state (check_id) WHERE check_id IS NOT NULL;
COMMENT ON TABLE current_state IS
    'The latest result of every host x plugin x check (check_id NULL: pushed). Host health is the worst severity over its rows.';
COMMENT ON COLUMN current_state.check_id IS 'The check that produced the row; NULL for pushed results.';
COMMENT ON COLUMN current_state.time IS 'Time of the latest result.';
COMMENT ON COLUMN current_state.since IS 'When the current classification began.';

CREATE TABLE state_changes (
    time       timestamptz NOT NULL,
    host_id    bigint NOT NULL,
    plugin_id  text NOT NULL,
    check_id   bigint,
    from_state text NOT NULL CHECK (from_state IN ('no_data', 'ok', 'unknown', 'minor', 'major', 'critical')),
    to_state   text NOT NULL CHECK (to_state IN ('no_data', 'ok', 'unknown', 'minor', 'major', 'critical')),
    value      double precision,
    message    text NOT NULL DEFAULT '',
    CHECK (from_state <> to_state)
);
{{if .Timescale}}
SELECT create_hypertable('state_changes', by_range('time', INTERVAL '30 days'));
{{else}}
CREATE INDEX state_changes_time_idx ON state_changes (time DESC);
{{end}}
CREATE INDEX state_changes_series_idx ON state_changes (host_id, plugin_id, time DESC);
COMMENT ON COLUMN state_changes.time IS 'Time of the result that changed the classification.';
COMMENT ON COLUMN state_changes.from_state IS 'Classification before; no_data for the first result of a series.';
COMMENT ON COLUMN state_changes.to_state IS 'Classification from this result on.';
COMMENT ON COLUMN state_changes.value IS 'Value of the result that changed it.';
COMMENT ON COLUMN state_changes.message IS 'Message of the result that changed it.';
COMMENT ON TABLE state_changes IS
    'Every change of classification of a host x plugin x check: the input of availability reports. Kept forever.';

CREATE TABLE health_changes (
    time          timestamptz NOT NULL,
    host_id       bigint,
    host_group_id bigint,
    service_id    bigint,
    from_state    text NOT NULL CHECK (prophasis_severity(from_state) IS NOT NULL),
    to_state      text NOT NULL CHECK (prophasis_severity(to_state) IS NOT NULL),
    CHECK (num_nonnulls(host_id, host_group_id, service_id) = 1),
    CHECK (from_state <> to_state)
);
{{if .Timescale}}
SELECT create_hypertable('health_changes', by_range('time', INTERVAL '30 days'));
{{else}}
CREATE INDEX health_changes_time_idx ON health_changes (time DESC);
{{end}}
CREATE INDEX health_changes_host_idx ON health_changes (host_id, time DESC) WHERE host_id IS NOT NULL;
CREATE INDEX health_changes_host_group_idx ON health_changes (host_group_id, time DESC) WHERE host_group_id IS NOT NULL;
CREATE INDEX health_changes_service_idx ON health_changes (service_id, time DESC) WHERE service_id IS NOT NULL;
COMMENT ON COLUMN health_changes.host_id IS 'Set for a host health change; exactly one of host_id, host_group_id, service_id is set.';
COMMENT ON TABLE health_changes IS
    'Every change of health of a host, host group or service (degraded included): what alerts and availability read. Kept forever.';
