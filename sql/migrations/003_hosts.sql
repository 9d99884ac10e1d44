-- Monitored hosts and nestable host groups.

CREATE TABLE hosts (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 253),
    address             text NOT NULL CHECK (length(address) BETWEEN 1 AND 253),
    agent_port          integer NOT NULL DEFAULT 4048 CHECK (agent_port BETWEEN 1 AND 65535),
    description         text NOT NULL DEFAULT '',
    agent_key_encrypted bytea CHECK (octet_length(agent_key_encrypted) > 32),
    tls_fingerprint     bytea CHECK (octet_length(tls_fingerprint) = 32),
    enabled             boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE hosts IS 'Monitored machines. A host without an agent key only gets server-side and pushed results.';
COMMENT ON COLUMN hosts.address IS 'DNS name or IP address the core connects to.';
COMMENT ON COLUMN hosts.agent_key_encrypted IS
    'The agent key sealed with the server secret (nonce + ciphertext + tag); never stored in plain text.';
COMMENT ON COLUMN hosts.tls_fingerprint IS 'SHA-256 of the agent certificate (DER), pinned when the host was added.';

CREATE TABLE host_groups (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT ''
);
COMMENT ON TABLE host_groups IS 'Named sets of hosts and of other groups (nesting; cycles are refused by a trigger).';

CREATE TABLE host_group_hosts (
    group_id bigint NOT NULL REFERENCES host_groups (id) ON DELETE CASCADE,
    host_id  bigint NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, host_id)
);
CREATE INDEX host_group_hosts_host_idx ON host_group_hosts (host_id);
COMMENT ON TABLE host_group_hosts IS 'Hosts directly in a group.';

CREATE TABLE host_group_groups (
    parent_id bigint NOT NULL REFERENCES host_groups (id) ON DELETE CASCADE,
    child_id  bigint NOT NULL REFERENCES host_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (parent_id, child_id),
    CHECK (parent_id <> child_id)
);
CREATE INDEX host_group_groups_child_idx ON host_group_groups (child_id);
COMMENT ON TABLE host_group_groups IS 'Groups nested in a group. The graph is kept acyclic by trigger host_group_groups_acyclic.';

-- Refuses an edge that would close a cycle. The transaction-level advisory
-- lock serialises concurrent edits, so two edges that are each fine alone
-- cannot together form a cycle.
CREATE FUNCTION host_group_groups_refuse_cycle() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('host_group_groups'));
    IF EXISTS (
        WITH RECURSIVE below(id) AS (
            SELECT NEW.child_id
            UNION
            SELECT g.child_id FROM host_group_groups g JOIN below b ON g.parent_id = b.id
        )
        SELECT 1 FROM below WHERE id = NEW.parent_id
    ) THEN
        RAISE EXCEPTION 'host group % cannot contain group %: that would make a cycle', NEW.parent_id, NEW.child_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'host_group_groups_acyclic';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER host_group_groups_acyclic
    BEFORE INSERT OR UPDATE ON host_group_groups
    FOR EACH ROW EXECUTE FUNCTION host_group_groups_refuse_cycle();
