-- Storage mode, shared SQL functions and, in timescale mode, the extension.
{{if .Timescale}}
CREATE EXTENSION IF NOT EXISTS timescaledb;
{{end}}

CREATE TABLE prophasis_meta (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    storage_mode text NOT NULL CHECK (storage_mode IN ('timescale', 'plain')),
    created_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE prophasis_meta IS
    'One row describing this database: the storage mode chosen at the first migration. Never changes afterwards.';
COMMENT ON COLUMN prophasis_meta.storage_mode IS
    'timescale: results is a hypertable and the rollups are continuous aggregates; plain: ordinary tables maintained by triggers.';

INSERT INTO prophasis_meta (storage_mode) VALUES ('{{.Mode}}');

-- The severity ranks of internal/state: higher is worse. Keep in sync with
-- state.Severity (a test compares them).
CREATE FUNCTION prophasis_severity(state text) RETURNS smallint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE state
        WHEN 'no_data'  THEN 0
        WHEN 'ok'       THEN 1
        WHEN 'unknown'  THEN 2
        WHEN 'degraded' THEN 3
        WHEN 'minor'    THEN 4
        WHEN 'major'    THEN 5
        WHEN 'critical' THEN 6
    END;
COMMENT ON FUNCTION prophasis_severity(text) IS
    'Severity rank of a state name (no_data 0 .. critical 6); NULL for an unknown name.';

CREATE FUNCTION prophasis_state(severity smallint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (ARRAY['no_data', 'ok', 'unknown', 'degraded', 'minor', 'major', 'critical'])[severity + 1];
COMMENT ON FUNCTION prophasis_state(smallint) IS
    'State name of a severity rank; the inverse of prophasis_severity.';
