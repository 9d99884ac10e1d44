package schema

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/tern/v2/migrate"

	"github.com/prophasis/prophasis/sql"
)

// versionTable is tern's bookkeeping table, left unqualified so it follows
// the connection's search_path like every other table of the schema.
const versionTable = "prophasis_schema_version"

// lockKey serialises Migrate calls from several processes: mode detection
// and the migrations run under the same session-level advisory lock.
const lockKey = int64(0x70726f7068617369) // "prophasi"

// ErrOutOfDate is wrapped by Check when the database lacks migrations this
// binary has: run `prophasis migrate` (or `up`, which migrates itself).
var ErrOutOfDate = errors.New("schema: database schema is out of date")

// ErrTooNew is wrapped by Check when the database was migrated by a newer
// binary: this one does not know its schema.
var ErrTooNew = errors.New("schema: database schema is newer than this binary")

// Options tune Migrate.
type Options struct {
	// Mode forces the storage mode of a new database; "" chooses timescale
	// when the extension is usable. It cannot change an existing database.
	Mode Mode
	// Logger, when set, hears about each migration as it starts.
	Logger *slog.Logger
}

// Status describes a database's schema.
type Status struct {
	Version   int32  // migrations applied
	Latest    int32  // migrations this binary carries
	Mode      Mode   // recorded storage mode; "" before the first migration
	Timescale string // installed TimescaleDB version, "" when none
}

// Migrate applies every pending migration, choosing and recording the
// storage mode on a new database. Running it again is a no-op.
func Migrate(ctx context.Context, conn *pgx.Conn, opts Options) (Status, error) {
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, lockKey); err != nil {
		return Status{}, fmt.Errorf("schema: lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockKey) //nolint:errcheck // released with the session anyway
	mode, err := chooseMode(ctx, conn, opts.Mode)
	if err != nil {
		return Status{}, err
	}
	m, err := migrate.NewMigrator(ctx, conn, versionTable)
	if err != nil {
		return Status{}, fmt.Errorf("schema: migrator: %w", err)
	}
	if opts.Logger != nil {
		m.OnStart = func(seq int32, name, _, _ string) {
			opts.Logger.Info("applying migration", "version", seq, "name", name, "mode", mode)
		}
	}
	m.Data["Mode"] = string(mode)
	m.Data["Timescale"] = mode == ModeTimescale
	files, err := migrationFiles()
	if err != nil {
		return Status{}, err
	}
	if err := m.LoadMigrations(files); err != nil {
		return Status{}, fmt.Errorf("schema: load migrations: %w", err)
	}
	if err := m.Migrate(ctx); err != nil {
		return Status{}, fmt.Errorf("schema: migrate (%s mode): %w", mode, err)
	}
	return status(ctx, conn)
}

// Check reports the schema's status without changing anything. The error
// wraps ErrOutOfDate or ErrTooNew when the version does not match Latest.
func Check(ctx context.Context, conn *pgx.Conn) (Status, error) {
	st, err := status(ctx, conn)
	switch {
	case err != nil:
		return st, err
	case st.Version < st.Latest:
		return st, fmt.Errorf("%w: version %d of %d", ErrOutOfDate, st.Version, st.Latest)
	case st.Version > st.Latest:
		return st, fmt.Errorf("%w: version %d, this binary knows %d", ErrTooNew, st.Version, st.Latest)
	}
	return st, nil
}

// status reads the applied version, mode and extension version.
func status(ctx context.Context, conn *pgx.Conn) (Status, error) {
	latest, err := Latest()
	if err != nil {
		return Status{}, err
	}
	st := Status{Latest: latest}
	if st.Mode, err = recordedMode(ctx, conn); err != nil {
		return st, err
	}
	exists, err := tableExists(ctx, conn, versionTable)
	if err != nil {
		return st, err
	}
	if exists {
		if err := conn.QueryRow(ctx, `SELECT version FROM `+versionTable).Scan(&st.Version); err != nil {
			return st, fmt.Errorf("schema: read version: %w", err)
		}
	}
	err = conn.QueryRow(ctx, `SELECT coalesce(max(extversion), '') FROM pg_extension WHERE extname = 'timescaledb'`).Scan(&st.Timescale)
	if err != nil {
		return st, fmt.Errorf("schema: read timescaledb version: %w", err)
	}
	return st, nil
}

// Latest returns the number of migrations embedded in this binary.
func Latest() (int32, error) {
	files, err := migrationFiles()
	if err != nil {
		return 0, err
	}
	names, err := migrate.FindMigrations(files)
	if err != nil {
		return 0, fmt.Errorf("schema: list migrations: %w", err)
	}
	return int32(len(names)), nil
}

// migrationFiles is the migrations directory as tern expects it: the
// numbered files at the root.
func migrationFiles() (fs.FS, error) {
	sub, err := fs.Sub(sql.Migrations, "migrations")
	if err != nil {
		return nil, fmt.Errorf("schema: migrations: %w", err)
	}
	return sub, nil
}
