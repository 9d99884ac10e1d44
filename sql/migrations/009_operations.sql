-- What the running core remembers: alert state and attempts, the system
-- log, and scheduler leases.

CREATE TABLE alert_state (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule_id          bigint NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    host_id          bigint REFERENCES hosts (id) ON DELETE CASCADE,
    service_id       bigint REFERENCES services (id) ON DELETE CASCADE,
    state            text NOT NULL CHECK (prophasis_severity(state) IS NOT NULL),
    state_since      timestamptz NOT NULL,
    notified_state   text CHECK (prophasis_severity(notified_state) IS NOT NULL),
    last_notified_at timestamptz,
    escalated_at     timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(host_id, service_id) = 1),
    CHECK ((notified_state IS NULL) = (last_notified_at IS NULL)),
    UNIQUE NULLS NOT DISTINCT (rule_id, host_id, service_id)
);
COMMENT ON TABLE alert_state IS
    'Per rule x subject: the last state seen and the last state notified, so a restart neither re-sends nor forgets a recovery.';
COMMENT ON COLUMN alert_state.notified_state IS
    'State of the last notification sent; a problem here means a recovery is owed when the subject returns to ok.';

CREATE TABLE alert_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time          timestamptz NOT NULL DEFAULT now(),
    rule_id       bigint REFERENCES alert_rules (id) ON DELETE SET NULL,
    rule_name     text NOT NULL,
    notifier_id   bigint REFERENCES notifiers (id) ON DELETE SET NULL,
    notifier_name text NOT NULL DEFAULT '',
    host_id       bigint REFERENCES hosts (id) ON DELETE SET NULL,
    service_id    bigint REFERENCES services (id) ON DELETE SET NULL,
    subject_name  text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('problem', 'recovery', 'repeat', 'escalation', 'test')),
    from_state    text CHECK (prophasis_severity(from_state) IS NOT NULL),
    to_state      text CHECK (prophasis_severity(to_state) IS NOT NULL),
    outcome       text NOT NULL CHECK (outcome IN ('sent', 'failed', 'muted')),
    reason        text NOT NULL DEFAULT '',
    attempt       integer NOT NULL DEFAULT 1 CHECK (attempt > 0)
);
CREATE INDEX alert_log_time_idx ON alert_log (time DESC);
CREATE INDEX alert_log_rule_idx ON alert_log (rule_id, time DESC);
COMMENT ON TABLE alert_log IS 'Every notification attempt: sent, failed (reason = error) or muted (reason = why).';
COMMENT ON COLUMN alert_log.subject_name IS 'Host or service name at the time, kept when the host or service is deleted.';

CREATE TABLE system_log (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time     timestamptz NOT NULL DEFAULT now(),
    category text NOT NULL CHECK (category ~ '^[a-z][a-z0-9_.-]*$'),
    severity text NOT NULL CHECK (severity IN ('debug', 'info', 'warning', 'error')),
    message  text NOT NULL,
    details  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
    read     boolean NOT NULL DEFAULT false
);
CREATE INDEX system_log_time_idx ON system_log (time DESC);
CREATE INDEX system_log_unread_idx ON system_log (time DESC) WHERE NOT read;
COMMENT ON TABLE system_log IS 'Problems Prophasis noticed in itself: classifier errors, ingest failures, failing database jobs...';
COMMENT ON COLUMN system_log.category IS 'Component that wrote the entry, e.g. classify, ingest, sched, alert, agent, db.';

CREATE TABLE scheduler_nodes (
    id           text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    roles        text[] NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE scheduler_nodes IS 'Core processes running the scheduler role, with their last heartbeat.';

CREATE TABLE scheduler_leases (
    host_id     bigint PRIMARY KEY REFERENCES hosts (id) ON DELETE CASCADE,
    holder      text NOT NULL,
    acquired_at timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    CHECK (expires_at > acquired_at)
);
CREATE INDEX scheduler_leases_holder_idx ON scheduler_leases (holder);
CREATE INDEX scheduler_leases_expires_idx ON scheduler_leases (expires_at);
COMMENT ON TABLE scheduler_leases IS
    'Which scheduler checks which host. A lease is renewed by its holder; once expired any scheduler may take it.';
