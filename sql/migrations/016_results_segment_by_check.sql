-- Compressed results are segmented by the whole series key: host, plugin
-- and check. A host often runs one plugin as several checks (a disk plugin
-- for / and for /var); segmented by host and plugin only, their results
-- share compressed batches interleaved in time order, so the value, time
-- and message columns alternate between two series and compress worse
-- (B6 in BENCHMARKS.md, one of ten checks a duplicate plugin: 16.3 -> 14.7
-- bytes per result). Queries by host and plugin still use the leading
-- columns of the compressed chunks' index. Chunks compressed before this
-- migration keep their settings (TimescaleDB records them per chunk) and
-- read the same; chunks compressed from now on use the new ones. Timescale
-- mode only (plain mode has no compression); the comment is in both.
{{if .Timescale}}
ALTER TABLE results SET (timescaledb.compress_segmentby = 'host_id, plugin_id, check_id');
{{end}}
COMMENT ON COLUMN results.check_id IS
    'checks.id of the check that scheduled the run; NULL for pushed results. Not a foreign key. (host_id, plugin_id, check_id) is the series; timescale mode compresses each series separately.';
