// Package analyst manages the login roles through which analysts query
// Prophasis with SQL. The views they read are the schema "analyst", created
// by the migrations in package sql and described in docs/sql.md; a reader
// role may SELECT those views and nothing else, so it sees results, health
// and alerts but never users, sessions, tokens, agent keys or notifier
// settings, and cannot change anything.
package analyst

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"
)

// Schema is the PostgreSQL schema holding the contract views.
const Schema = "analyst"

// DefaultStatementTimeout bounds every statement of a reader unless the
// caller chooses otherwise: an analyst's runaway query must not load the
// database the alerting path writes to.
const DefaultStatementTimeout = 30 * time.Second

// roleComment marks roles created by CreateReader, so DropReader never
// drops a role it did not create (an administrator, the application's own).
const roleComment = "prophasis sql reader"

var (
	// ErrExists is returned by CreateReader when a role of that name exists.
	ErrExists = errors.New("analyst: a role with that name already exists")
	// ErrNotFound is returned by DropReader when no such role exists.
	ErrNotFound = errors.New("analyst: no such role")
	// ErrNotReader is returned by DropReader for a role CreateReader did not
	// create: it refuses to drop it.
	ErrNotReader = errors.New("analyst: role is not a prophasis sql reader")
)

// namePattern keeps role names to plain lower-case identifiers: they need no
// quoting in psql or Grafana, and cannot collide with pg_ reserved names.
var namePattern = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// ValidateName reports why name cannot be a reader role name, or nil.
func ValidateName(name string) error {
	if !namePattern.MatchString(name) {
		return fmt.Errorf("analyst: role name %q: want 1-63 characters a-z, 0-9 or _, not starting with a digit", name)
	}
	if len(name) >= 3 && name[:3] == "pg_" {
		return fmt.Errorf("analyst: role name %q: the pg_ prefix is reserved by PostgreSQL", name)
	}
	return nil
}

// ValidatePassword reports why password cannot be a reader's password, or
// nil. Printable ASCII only: PostgreSQL normalises other passwords with
// SASLprep before hashing, which the verifier computed here does not do.
func ValidatePassword(password string) error {
	if len(password) < 8 || len(password) > 1024 {
		return errors.New("analyst: password: want 8 to 1024 characters")
	}
	for _, r := range password {
		if r < 0x20 || r > 0x7e {
			return errors.New("analyst: password: want printable ASCII characters only")
		}
	}
	return nil
}

// Beginner starts transactions: a *pgxpool.Pool or a *pgx.Conn.
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// ident quotes a validated name as an SQL identifier.
func ident(name string) string { return pgx.Identifier{name}.Sanitize() }
