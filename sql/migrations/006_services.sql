-- Services: what users care about, built from hosts, host groups and
-- redundancy groups (at least one member must be up).

CREATE TABLE services (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT ''
);
COMMENT ON TABLE services IS 'A service is as healthy as its worst dependency; a redundancy group as its best member.';

CREATE TABLE redundancy_groups (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id bigint NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    UNIQUE (service_id, name),
    UNIQUE (id, service_id)
);
COMMENT ON TABLE redundancy_groups IS 'Members that back each other up inside one service: degraded when the best is ok and another is not.';

CREATE TABLE redundancy_group_members (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id      bigint NOT NULL REFERENCES redundancy_groups (id) ON DELETE CASCADE,
    host_id       bigint REFERENCES hosts (id) ON DELETE CASCADE,
    host_group_id bigint REFERENCES host_groups (id) ON DELETE CASCADE,
    CHECK (num_nonnulls(host_id, host_group_id) = 1),
    UNIQUE NULLS NOT DISTINCT (group_id, host_id, host_group_id)
);
CREATE INDEX redundancy_group_members_host_idx ON redundancy_group_members (host_id) WHERE host_id IS NOT NULL;
CREATE INDEX redundancy_group_members_host_group_idx ON redundancy_group_members (host_group_id) WHERE host_group_id IS NOT NULL;
COMMENT ON TABLE redundancy_group_members IS 'One host or one host group per row.';

CREATE TABLE service_dependencies (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id          bigint NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    host_id             bigint REFERENCES hosts (id) ON DELETE CASCADE,
    host_group_id       bigint REFERENCES host_groups (id) ON DELETE CASCADE,
    redundancy_group_id bigint,
    FOREIGN KEY (redundancy_group_id, service_id) REFERENCES redundancy_groups (id, service_id) ON DELETE CASCADE,
    CHECK (num_nonnulls(host_id, host_group_id, redundancy_group_id) = 1),
    UNIQUE NULLS NOT DISTINCT (service_id, host_id, host_group_id, redundancy_group_id)
);
CREATE INDEX service_dependencies_host_idx ON service_dependencies (host_id) WHERE host_id IS NOT NULL;
CREATE INDEX service_dependencies_host_group_idx ON service_dependencies (host_group_id) WHERE host_group_id IS NOT NULL;
COMMENT ON TABLE service_dependencies IS
    'One host, host group or redundancy group (of the same service) per row; the service takes the worst of them.';
