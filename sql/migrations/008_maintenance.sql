-- Maintenance windows and acknowledgements: both mute problem notifications.

CREATE TABLE maintenance_windows (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description  text NOT NULL DEFAULT '',
    kind         text NOT NULL CHECK (kind IN ('once', 'recurring')),
    starts_at    timestamptz,
    ends_at      timestamptz,
    days_of_week smallint[] CHECK (days_of_week <@ ARRAY[0, 1, 2, 3, 4, 5, 6]::smallint[]
                                   AND cardinality(days_of_week) > 0),
    start_time   time,
    end_time     time,
    time_zone    text,
    created_by   bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'once' OR (starts_at IS NOT NULL AND ends_at > starts_at
                              AND days_of_week IS NULL AND start_time IS NULL AND end_time IS NULL)),
    CHECK (kind <> 'recurring' OR (days_of_week IS NOT NULL AND start_time IS NOT NULL AND end_time IS NOT NULL
                                   AND start_time <> end_time AND time_zone IS NOT NULL
                                   AND (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)))
);
CREATE INDEX maintenance_windows_ends_idx ON maintenance_windows (ends_at);
COMMENT ON TABLE maintenance_windows IS
    'once: from starts_at to ends_at. recurring: on days_of_week (0 = Sunday) from start_time to end_time in time_zone '
    '(end_time < start_time crosses midnight), optionally limited to starts_at..ends_at.';
COMMENT ON COLUMN maintenance_windows.time_zone IS 'IANA zone name, e.g. Europe/London; checked against pg_timezone_names.';

CREATE FUNCTION maintenance_windows_check_zone() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.time_zone IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = NEW.time_zone) THEN
        RAISE EXCEPTION 'unknown time zone %', NEW.time_zone
            USING ERRCODE = 'check_violation', CONSTRAINT = 'maintenance_windows_time_zone';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER maintenance_windows_time_zone
    BEFORE INSERT OR UPDATE OF time_zone ON maintenance_windows
    FOR EACH ROW EXECUTE FUNCTION maintenance_windows_check_zone();

CREATE TABLE maintenance_window_hosts (
    window_id bigint NOT NULL REFERENCES maintenance_windows (id) ON DELETE CASCADE,
    host_id   bigint NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    PRIMARY KEY (window_id, host_id)
);
CREATE TABLE maintenance_window_host_groups (
    window_id bigint NOT NULL REFERENCES maintenance_windows (id) ON DELETE CASCADE,
    group_id  bigint NOT NULL REFERENCES host_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (window_id, group_id)
);
CREATE TABLE maintenance_window_services (
    window_id  bigint NOT NULL REFERENCES maintenance_windows (id) ON DELETE CASCADE,
    service_id bigint NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (window_id, service_id)
);
COMMENT ON TABLE maintenance_window_hosts IS 'Scope of a window. A window with no scope rows mutes nothing.';

CREATE TABLE acknowledgements (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    host_id    bigint REFERENCES hosts (id) ON DELETE CASCADE,
    service_id bigint REFERENCES services (id) ON DELETE CASCADE,
    state      text NOT NULL CHECK (prophasis_severity(state) > 1),
    comment    text NOT NULL DEFAULT '' CHECK (length(comment) <= 10000),
    user_id    bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    cleared_at timestamptz,
    CHECK (num_nonnulls(host_id, service_id) = 1),
    CHECK (cleared_at IS NULL OR cleared_at >= created_at)
);
CREATE UNIQUE INDEX acknowledgements_active_key ON acknowledgements (host_id, service_id) NULLS NOT DISTINCT
    WHERE cleared_at IS NULL;
COMMENT ON TABLE acknowledgements IS
    'Someone is on a problem of a host or service: repeats and escalations stop. Cleared (cleared_at set) on recovery.';
COMMENT ON COLUMN acknowledgements.state IS 'The problem state that was acknowledged.';
