-- analyst.host_health counted a host's series with
-- "check_id IS NULL OR (host, plugin, check) IN (SELECT ... FROM assigned)":
-- a subplan the planner may run as a scan of the assignments per
-- current_state row. The ingest path's query of the same form took 2.5 s
-- for 1,000 hosts with a generic plan (BENCHMARKS.md, B2). Pushed series
-- and assigned series are now two disjoint sets joined in a UNION ALL
-- (the assignments are unique per series), as storage.assignedHealthAll
-- reads them. Same columns, same rows.
CREATE OR REPLACE VIEW analyst.host_health AS
WITH assigned AS MATERIALIZED (
    SELECT a.host_id, cp.plugin_id, a.check_id
    FROM (SELECT check_id, host_id FROM check_hosts
          UNION
          SELECT cg.check_id, m.host_id
          FROM check_host_groups cg JOIN analyst.host_group_members m ON m.host_group_id = cg.group_id) a
    JOIN checks c ON c.id = a.check_id AND c.enabled
    JOIN check_plugins cp ON cp.check_id = a.check_id
), counted AS (
    SELECT cs.host_id, cs.severity, cs.time FROM current_state cs WHERE cs.check_id IS NULL
    UNION ALL
    SELECT cs.host_id, cs.severity, cs.time FROM assigned a
    JOIN current_state cs ON cs.host_id = a.host_id AND cs.plugin_id = a.plugin_id AND cs.check_id = a.check_id
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
