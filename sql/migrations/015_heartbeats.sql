-- Heartbeats ("dead man's switch" checks): a cron job or device calls
-- POST /api/v1/heartbeats/{name} at least once per period; when none
-- arrives in time, the core stores a critical result for the heartbeat's
-- check, through the same classification and ingest path as every result.

CREATE TABLE heartbeats (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$'),
    check_id   bigint NOT NULL UNIQUE REFERENCES checks (id) ON DELETE CASCADE,
    host_id    bigint NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    period     interval NOT NULL CHECK (period >= interval '1 second'),
    created_at timestamptz NOT NULL,
    last_beat  timestamptz,
    missed_at  timestamptz
);
CREATE INDEX heartbeats_host_idx ON heartbeats (host_id);
COMMENT ON TABLE heartbeats IS
    'Dead man''s switch checks: critical when no heartbeat arrives within period. Each has its own check (series).';
COMMENT ON COLUMN heartbeats.name IS 'The name in the heartbeat URL; letters, digits, _ . - only.';
COMMENT ON COLUMN heartbeats.check_id IS 'The check its results are stored under (created with the heartbeat, deleted with it).';
COMMENT ON COLUMN heartbeats.created_at IS 'Start of the first period: no heartbeat by created_at + period is a miss.';
COMMENT ON COLUMN heartbeats.last_beat IS 'When the latest heartbeat arrived; NULL before the first.';
COMMENT ON COLUMN heartbeats.missed_at IS
    'When the latest missed-heartbeat result was produced; another follows each period while heartbeats stay away.';
