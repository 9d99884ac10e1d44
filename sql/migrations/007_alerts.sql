-- Alerting: notifiers, rules, maintenance windows, acknowledgements, the
-- persisted state of every rule x subject, and the log of every attempt.

CREATE TABLE notifiers (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    kind              text NOT NULL CHECK (kind IN ('email', 'webhook', 'slack', 'teams', 'ntfy', 'script')),
    settings          jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    secrets_encrypted bytea,
    enabled           boolean NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE notifiers IS 'Where notifications go. Non-secret settings (recipients, templates) are plain JSON.';
COMMENT ON COLUMN notifiers.secrets_encrypted IS
    'Secret settings (passwords, webhook URLs, tokens) as JSON sealed with the server secret.';

CREATE FUNCTION prophasis_valid_states(states text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN states <@ ARRAY['no_data', 'ok', 'unknown', 'degraded', 'minor', 'major', 'critical']
        AND array_position(states, NULL) IS NULL;

CREATE TABLE alert_rules (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                   text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    enabled                boolean NOT NULL DEFAULT true,
    scope_kind             text NOT NULL CHECK (scope_kind IN ('hosts', 'host_groups', 'services', 'all_hosts', 'all_services')),
    from_states            text[] NOT NULL CHECK (prophasis_valid_states(from_states) AND cardinality(from_states) > 0),
    to_states              text[] NOT NULL CHECK (prophasis_valid_states(to_states) AND cardinality(to_states) > 0),
    repeat_interval        interval CHECK (repeat_interval >= interval '1 minute'),
    escalate_after         interval CHECK (escalate_after > interval '0'),
    escalation_notifier_id bigint REFERENCES notifiers (id) ON DELETE SET NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (escalation_notifier_id IS NULL OR escalate_after IS NOT NULL)
);
COMMENT ON TABLE alert_rules IS 'Notify when a host or service moves from one of from_states to one of to_states.';
COMMENT ON COLUMN alert_rules.scope_kind IS
    'hosts / host_groups / services: the entities in alert_rule_hosts, _host_groups, _services; all_hosts / all_services: every one.';
COMMENT ON COLUMN alert_rules.repeat_interval IS 'Re-notify while still in a problem state and unacknowledged; NULL: never.';
COMMENT ON COLUMN alert_rules.escalate_after IS 'Notify escalation_notifier_id when a problem stays unacknowledged this long.';

CREATE TABLE alert_rule_hosts (
    rule_id bigint NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    host_id bigint NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    PRIMARY KEY (rule_id, host_id)
);
CREATE TABLE alert_rule_host_groups (
    rule_id  bigint NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    group_id bigint NOT NULL REFERENCES host_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (rule_id, group_id)
);
CREATE TABLE alert_rule_services (
    rule_id    bigint NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    service_id bigint NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (rule_id, service_id)
);
CREATE TABLE alert_rule_plugins (
    rule_id   bigint NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    plugin_id text NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    PRIMARY KEY (rule_id, plugin_id)
);
CREATE TABLE alert_rule_checks (
    rule_id  bigint NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    check_id bigint NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
    PRIMARY KEY (rule_id, check_id)
);
COMMENT ON TABLE alert_rule_plugins IS 'Restriction: when present, only transitions caused by these plugins fire the rule.';
COMMENT ON TABLE alert_rule_checks IS 'Restriction: when present, only transitions caused by these checks fire the rule.';

CREATE TABLE alert_rule_notifiers (
    rule_id     bigint NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    notifier_id bigint NOT NULL REFERENCES notifiers (id) ON DELETE CASCADE,
    PRIMARY KEY (rule_id, notifier_id)
);
CREATE INDEX alert_rule_notifiers_notifier_idx ON alert_rule_notifiers (notifier_id);
