package analyst

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Reader is a login role for analysts.
type Reader struct {
	Name     string
	Password string // never logged, never sent to the server: only its SCRAM verifier is
	// StatementTimeout bounds each statement of the role's sessions; zero
	// means DefaultStatementTimeout.
	StatementTimeout time.Duration
}

// CreateReader creates r's login role in one transaction: it may connect to
// the current database and SELECT the views of Schema (including views added
// by later migrations), nothing else; its sessions start read-only, with
// r.StatementTimeout and without JIT compilation. It also revokes PUBLIC's right to create temporary
// tables in this database (owners and superusers keep theirs). The caller needs CREATEROLE and must own Schema or be
// a superuser. Roles are cluster-wide; the grants are in this database.
func CreateReader(ctx context.Context, db Beginner, r Reader) error {
	if err := ValidateName(r.Name); err != nil {
		return err
	}
	if err := ValidatePassword(r.Password); err != nil {
		return err
	}
	timeout := r.StatementTimeout
	if timeout == 0 {
		timeout = DefaultStatementTimeout
	}
	if timeout < time.Millisecond {
		return fmt.Errorf("analyst: statement timeout %s: want at least 1ms", timeout)
	}
	verifier, err := newVerifier(r.Password)
	if err != nil {
		return err
	}
	if !verifierPattern.MatchString(verifier) {
		return errors.New("analyst: scram verifier has an unexpected shape")
	}
	return pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		return createReader(ctx, tx, r.Name, verifier, timeout)
	})
}

func createReader(ctx context.Context, tx pgx.Tx, name, verifier string, timeout time.Duration) error {
	var database, owner string
	err := tx.QueryRow(ctx, `SELECT current_database(), pg_get_userbyid(nspowner)
		FROM pg_namespace WHERE nspname = $1`, Schema).Scan(&database, &owner)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("analyst: schema %s is missing: run `prophasis migrate` first", Schema)
	}
	if err != nil {
		return fmt.Errorf("analyst: create reader: %w", err)
	}
	role, schema := ident(name), ident(Schema)
	stmts := []string{
		`CREATE ROLE ` + role + ` LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS` +
			` PASSWORD '` + verifier + `'`,
		`COMMENT ON ROLE ` + role + ` IS '` + roleComment + `'`,
		fmt.Sprintf(`ALTER ROLE %s SET statement_timeout = %d`, role, timeout.Milliseconds()),
		`ALTER ROLE ` + role + ` SET default_transaction_read_only = on`,
		// The health views walk nested groups recursively; the planner's
		// estimates for that are huge, and compiling the plan with JIT took
		// seconds where running it takes milliseconds.
		`ALTER ROLE ` + role + ` SET jit = off`,
		`GRANT CONNECT ON DATABASE ` + ident(database) + ` TO ` + role,
		`GRANT USAGE ON SCHEMA ` + schema + ` TO ` + role,
		`GRANT SELECT ON ALL TABLES IN SCHEMA ` + schema + ` TO ` + role,
		`ALTER DEFAULT PRIVILEGES FOR ROLE ` + ident(owner) + ` IN SCHEMA ` + schema + ` GRANT SELECT ON TABLES TO ` + role,
		// Temporary tables are the one thing PUBLIC may create by default.
		// Database privileges are not copied with a database (templates,
		// dumps), so this is applied whenever a reader is created.
		`REVOKE TEMPORARY ON DATABASE ` + ident(database) + ` FROM PUBLIC`,
	}
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s); err != nil {
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.Code == "42710" {
				return fmt.Errorf("%w: %s", ErrExists, name)
			}
			return fmt.Errorf("analyst: create reader %s: %w", name, err)
		}
	}
	return nil
}

// DropReader removes a role made by CreateReader: its grants in this
// database, then the role. It refuses any other role (ErrNotReader). A
// role still granted something in another database cannot be dropped:
// run it there first. Open sessions of the role are not ended.
func DropReader(ctx context.Context, db Beginner, name string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		var comment *string
		var super bool
		err := tx.QueryRow(ctx, `SELECT shobj_description(oid, 'pg_authid'), rolsuper
			FROM pg_roles WHERE rolname = $1`, name).Scan(&comment, &super)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("%w: %s", ErrNotFound, name)
		}
		if err != nil {
			return fmt.Errorf("analyst: drop reader %s: %w", name, err)
		}
		if super || comment == nil || *comment != roleComment {
			return fmt.Errorf("%w: %s", ErrNotReader, name)
		}
		for _, s := range []string{`DROP OWNED BY ` + ident(name), `DROP ROLE ` + ident(name)} {
			if _, err := tx.Exec(ctx, s); err != nil {
				return fmt.Errorf("analyst: drop reader %s: %w", name, err)
			}
		}
		return nil
	})
}
