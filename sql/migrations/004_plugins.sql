-- Plugins, their uploaded versions, checks (hosts and groups x plugins) and
-- the Lua classifiers that turn results into states.

CREATE TABLE plugins (
    id             text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)+$' AND length(id) <= 200),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description    text NOT NULL DEFAULT '',
    active_version text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE plugins IS 'Plugins known to the core, by their reverse-DNS id (e.g. com.example.disk_usage).';
COMMENT ON COLUMN plugins.active_version IS 'The version pushed to agents (may be older than the newest upload: downgrades are allowed).';

CREATE TABLE plugin_versions (
    plugin_id   text NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    version     text NOT NULL CHECK (version ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$'),
    archive     bytea NOT NULL CHECK (octet_length(archive) > 0),
    sha256      bytea NOT NULL CHECK (octet_length(sha256) = 32),
    manifest    jsonb NOT NULL CHECK (jsonb_typeof(manifest) = 'object'),
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    uploaded_by bigint REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (plugin_id, version)
);
COMMENT ON TABLE plugin_versions IS 'Every uploaded plugin archive (.tar.gz) with its parsed manifest.';
COMMENT ON COLUMN plugin_versions.version IS 'Semantic version (semver.org 2.0.0).';
COMMENT ON COLUMN plugin_versions.sha256 IS 'SHA-256 of archive; agents compare it to decide whether to reinstall.';

ALTER TABLE plugins ADD CONSTRAINT plugins_active_version_fkey
    FOREIGN KEY (id, active_version) REFERENCES plugin_versions (plugin_id, version)
    DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE checks (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT '',
    enabled     boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE checks IS 'A named set of hosts and host groups crossed with a set of plugins.';

CREATE TABLE check_hosts (
    check_id bigint NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
    host_id  bigint NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    PRIMARY KEY (check_id, host_id)
);
CREATE INDEX check_hosts_host_idx ON check_hosts (host_id);

CREATE TABLE check_host_groups (
    check_id bigint NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
    group_id bigint NOT NULL REFERENCES host_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (check_id, group_id)
);
CREATE INDEX check_host_groups_group_idx ON check_host_groups (group_id);

CREATE TABLE check_plugins (
    check_id  bigint NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
    plugin_id text NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    arguments jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(arguments) = 'object'),
    PRIMARY KEY (check_id, plugin_id)
);
CREATE INDEX check_plugins_plugin_idx ON check_plugins (plugin_id);
COMMENT ON COLUMN check_plugins.arguments IS 'Arguments for this plugin in this check, by name (overriding the manifest defaults).';

CREATE TABLE classifiers (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plugin_id     text NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    check_id      bigint REFERENCES checks (id) ON DELETE CASCADE,
    code          text NOT NULL CHECK (length(code) BETWEEN 1 AND 1000000),
    history_depth integer NOT NULL DEFAULT 1 CHECK (history_depth BETWEEN 1 AND 10000),
    version       integer NOT NULL DEFAULT 1 CHECK (version > 0),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    bigint REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE NULLS NOT DISTINCT (plugin_id, check_id)
);
CREATE INDEX classifiers_check_idx ON classifiers (check_id) WHERE check_id IS NOT NULL;
COMMENT ON TABLE classifiers IS 'Lua classifiers: one default per plugin (check_id NULL) and optional overrides per check.';
COMMENT ON COLUMN classifiers.history_depth IS 'How many latest results (the new one included) the classifier receives in values/messages.';
COMMENT ON COLUMN classifiers.version IS 'Incremented on every change so compiled code can be cached per (id, version).';
