// Package storage is the SQL for Prophasis's configuration and state tables:
// one file per resource, each query a const next to the Go that scans it.
// Functions take a DBTX so the caller chooses a pool or a transaction.
package storage

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DBTX is what store functions need from a *pgxpool.Pool, *pgx.Conn or pgx.Tx.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
}

// ErrNotFound is returned when the row asked for does not exist; callers
// check it with errors.Is instead of seeing pgx.ErrNoRows.
var ErrNotFound = errors.New("storage: not found")

// ErrDuplicate is returned when a unique name is already taken.
var ErrDuplicate = errors.New("storage: already exists")

// mapErr translates driver errors at the store boundary.
func mapErr(err error) error {
	var pgErr *pgconn.PgError
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return ErrNotFound
	case errors.As(err, &pgErr) && pgErr.Code == "23505":
		return errors.Join(ErrDuplicate, err)
	}
	return err
}
