-- How long each tier of results is kept. Timescale mode: retention policies
-- drop chunks; plain mode: the core deletes (schema.ApplyRetention). Change
-- with schema.SetRetention, which keeps the policies in step.

CREATE TABLE retention_settings (
    tier text PRIMARY KEY CHECK (tier IN ('raw', 'hourly', 'daily')),
    keep interval NOT NULL CHECK (keep >= interval '1 day')
);
COMMENT ON TABLE retention_settings IS
    'How long results (raw), results_hourly (hourly) and results_daily (daily) are kept.';
INSERT INTO retention_settings (tier, keep) VALUES
    ('raw', INTERVAL '90 days'), ('hourly', INTERVAL '2 years'), ('daily', INTERVAL '10 years');
{{if .Timescale}}
ALTER TABLE results SET (timescaledb.compress,
    timescaledb.compress_segmentby = 'host_id, plugin_id',
    timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('results', compress_after => INTERVAL '7 days');

SELECT add_continuous_aggregate_policy('results_hourly',
    start_offset => INTERVAL '7 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');
SELECT add_continuous_aggregate_policy('results_daily',
    start_offset => INTERVAL '30 days', end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');

SELECT add_retention_policy('results', drop_after => INTERVAL '90 days');
SELECT add_retention_policy('results_hourly', drop_after => INTERVAL '2 years');
SELECT add_retention_policy('results_daily', drop_after => INTERVAL '10 years');
{{end}}
