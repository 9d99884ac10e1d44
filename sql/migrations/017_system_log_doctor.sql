-- The periodic self-check compares each doctor check's status with the
-- one it last wrote to the system log (doctor.LogChanges); this index
-- finds those entries without reading the whole log, which is kept forever.
CREATE INDEX system_log_doctor_idx ON system_log ((details->>'check'), time DESC, id DESC)
    WHERE category = 'doctor';
