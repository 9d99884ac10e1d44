-- People and machines that use the web app and the API.

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
    display_name  text NOT NULL DEFAULT '' CHECK (length(display_name) <= 200),
    email         text NOT NULL DEFAULT '' CHECK (email = '' OR email ~ '^[^@\s]+@[^@\s]+$'),
    password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    role          text NOT NULL CHECK (role IN ('admin', 'viewer')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled      boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
COMMENT ON TABLE users IS 'Web app and CLI users. Usernames are unique ignoring case.';
COMMENT ON COLUMN users.password_hash IS 'argon2id hash in PHC string format ($argon2id$v=19$m=...,t=...,p=...$salt$hash).';
COMMENT ON COLUMN users.role IS 'admin: everything; viewer: reports only.';
COMMENT ON COLUMN users.disabled IS 'A disabled user cannot sign in; the row stays for the audit log.';

-- Exactly the table github.com/alexedwards/scs/pgxstore expects.
CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BYTEA NOT NULL,
    expiry TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);
COMMENT ON TABLE sessions IS 'Web sessions, owned by scs/pgxstore (which also deletes expired rows).';

CREATE TABLE setup_tokens (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CHECK (expires_at > created_at)
);
COMMENT ON TABLE setup_tokens IS
    'One-time links printed by up/serve while no user exists, to create the first admin. Only the SHA-256 of the token is stored.';

CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    token_hash   bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    scope        text NOT NULL CHECK (scope IN ('read', 'write')),
    created_by   bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
COMMENT ON TABLE api_tokens IS 'Bearer tokens for the REST API. Only the SHA-256 of the token is stored.';
COMMENT ON COLUMN api_tokens.scope IS 'read: GET only; write: everything the API offers.';
COMMENT ON COLUMN api_tokens.revoked_at IS 'Set when revoked; a revoked token is refused but kept for the audit trail.';

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time        timestamptz NOT NULL DEFAULT now(),
    user_id     bigint REFERENCES users (id) ON DELETE SET NULL,
    actor       text NOT NULL,
    action      text NOT NULL CHECK (action ~ '^[a-z][a-z_.]*$'),
    entity_type text NOT NULL,
    entity_id   text NOT NULL DEFAULT '',
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_log_time_idx ON audit_log (time DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, time DESC);
COMMENT ON TABLE audit_log IS 'Who changed which configuration when, with the row before and after (secrets removed).';
COMMENT ON COLUMN audit_log.action IS 'Verb such as create, update, delete, revoke, login.';
COMMENT ON COLUMN audit_log.actor IS 'Username or "token:<name>" or "cli" at the time of the change; kept when the user is deleted.';
