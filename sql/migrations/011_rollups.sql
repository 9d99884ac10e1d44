-- Hourly and daily rollups of results, with the same names and columns in
-- both modes: continuous aggregates in timescale mode, tables kept current
-- by a statement-level trigger in plain mode. Buckets are UTC.
{{if .Timescale}}
CREATE MATERIALIZED VIEW results_hourly
    WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket,
       host_id, plugin_id, check_id,
       sum(value) / nullif(count(value), 0) AS avg,
       min(value) AS min,
       max(value) AS max,
       count(value) AS count,
       sum(value) AS sum,
       count(*) AS total,
       max(severity) AS worst_severity,
       prophasis_state(max(severity)) AS worst_classification
FROM results
GROUP BY 1, host_id, plugin_id, check_id
WITH NO DATA;

CREATE MATERIALIZED VIEW results_daily
    WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 day', bucket) AS bucket,
       host_id, plugin_id, check_id,
       sum(sum) / nullif(sum(count), 0) AS avg,
       min(min) AS min,
       max(max) AS max,
       sum(count)::bigint AS count,
       sum(sum) AS sum,
       sum(total)::bigint AS total,
       max(worst_severity) AS worst_severity,
       prophasis_state(max(worst_severity)) AS worst_classification
FROM results_hourly
GROUP BY 1, host_id, plugin_id, check_id
WITH NO DATA;

CREATE INDEX results_hourly_series_idx ON results_hourly (host_id, plugin_id, bucket DESC);
CREATE INDEX results_daily_series_idx ON results_daily (host_id, plugin_id, bucket DESC);
{{else}}
CREATE TABLE results_hourly (
    bucket               timestamptz NOT NULL,
    host_id              bigint NOT NULL,
    plugin_id            text NOT NULL,
    check_id             bigint,
    avg                  double precision,
    min                  double precision,
    max                  double precision,
    count                bigint NOT NULL CHECK (count >= 0),
    sum                  double precision,
    total                bigint NOT NULL CHECK (total >= count),
    worst_severity       smallint NOT NULL,
    worst_classification text NOT NULL,
    UNIQUE NULLS NOT DISTINCT (host_id, plugin_id, bucket, check_id)
);
CREATE INDEX results_hourly_bucket_idx ON results_hourly USING brin (bucket);

CREATE TABLE results_daily (LIKE results_hourly INCLUDING CONSTRAINTS,
    UNIQUE NULLS NOT DISTINCT (host_id, plugin_id, bucket, check_id));
CREATE INDEX results_daily_bucket_idx ON results_daily USING brin (bucket);

-- Merges the rows one statement inserted into both rollups: sums and counts
-- add up, min/max/worst widen, so late rows land in the right bucket and no
-- bucket is ever recomputed from raw data. Keys are sorted so concurrent
-- inserts lock buckets in the same order and cannot deadlock.
CREATE FUNCTION results_rollup() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO results_hourly AS r
    SELECT date_trunc('hour', time, 'UTC'), host_id, plugin_id, check_id,
           sum(value) / nullif(count(value), 0), min(value), max(value), count(value), sum(value),
           count(*), max(severity), prophasis_state(max(severity))
    FROM new_results
    GROUP BY 1, host_id, plugin_id, check_id
    ORDER BY host_id, plugin_id, 1, check_id
    ON CONFLICT (host_id, plugin_id, bucket, check_id) DO UPDATE SET
        avg = (coalesce(r.sum, 0) + coalesce(excluded.sum, 0)) / nullif(r.count + excluded.count, 0),
        min = least(r.min, excluded.min),
        max = greatest(r.max, excluded.max),
        count = r.count + excluded.count,
        sum = CASE WHEN r.sum IS NULL THEN excluded.sum
                   WHEN excluded.sum IS NULL THEN r.sum
                   ELSE r.sum + excluded.sum END,
        total = r.total + excluded.total,
        worst_severity = greatest(r.worst_severity, excluded.worst_severity),
        worst_classification = prophasis_state(greatest(r.worst_severity, excluded.worst_severity));

    INSERT INTO results_daily AS r
    SELECT date_trunc('day', time, 'UTC'), host_id, plugin_id, check_id,
           sum(value) / nullif(count(value), 0), min(value), max(value), count(value), sum(value),
           count(*), max(severity), prophasis_state(max(severity))
    FROM new_results
    GROUP BY 1, host_id, plugin_id, check_id
    ORDER BY host_id, plugin_id, 1, check_id
    ON CONFLICT (host_id, plugin_id, bucket, check_id) DO UPDATE SET
        avg = (coalesce(r.sum, 0) + coalesce(excluded.sum, 0)) / nullif(r.count + excluded.count, 0),
        min = least(r.min, excluded.min),
        max = greatest(r.max, excluded.max),
        count = r.count + excluded.count,
        sum = CASE WHEN r.sum IS NULL THEN excluded.sum
                   WHEN excluded.sum IS NULL THEN r.sum
                   ELSE r.sum + excluded.sum END,
        total = r.total + excluded.total,
        worst_severity = greatest(r.worst_severity, excluded.worst_severity),
        worst_classification = prophasis_state(greatest(r.worst_severity, excluded.worst_severity));
    RETURN NULL;
END;
$$;

CREATE TRIGGER results_rollup
    AFTER INSERT ON results
    REFERENCING NEW TABLE AS new_results
    FOR EACH STATEMENT EXECUTE FUNCTION results_rollup();
{{end}}
{{$kind := "TABLE"}}{{if .Timescale}}{{$kind = "VIEW"}}{{end}}
COMMENT ON {{$kind}} results_hourly IS
    'Results per UTC hour x host x plugin x check. Timescale mode: continuous aggregate, real time (includes the latest rows).';
COMMENT ON {{$kind}} results_daily IS
    'Results per UTC day x host x plugin x check, built from results_hourly in timescale mode.';
{{range $t := list "results_hourly" "results_daily"}}
COMMENT ON COLUMN {{$t}}.bucket IS 'Start of the UTC hour or day.';
COMMENT ON COLUMN {{$t}}.avg IS 'Mean of the non-NULL values (sum / count).';
COMMENT ON COLUMN {{$t}}.count IS 'Number of results with a value.';
COMMENT ON COLUMN {{$t}}.sum IS 'Sum of the values; NULL when count is 0.';
COMMENT ON COLUMN {{$t}}.total IS 'Number of results, with or without a value.';
COMMENT ON COLUMN {{$t}}.worst_severity IS 'Highest severity rank in the bucket (see prophasis_severity).';
COMMENT ON COLUMN {{$t}}.worst_classification IS 'Classification of worst_severity.';
{{end}}