// Package schema creates and upgrades Prophasis's database from the embedded
// migrations in package sql, chooses and records the storage mode, reports
// whether a database is up to date, and runs plain-mode retention.
package schema

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Mode is how results and their rollups are stored. Both modes expose the
// same table and view names with the same columns.
type Mode string

const (
	// ModeTimescale stores results in a TimescaleDB hypertable with
	// continuous aggregates, compression and retention policies.
	ModeTimescale Mode = "timescale"
	// ModePlain stores results in ordinary tables whose rollups are kept
	// current by triggers, for servers without TimescaleDB.
	ModePlain Mode = "plain"
)

// ErrModeMismatch is returned when a caller forces a mode other than the one
// recorded in the database: a database never changes mode.
var ErrModeMismatch = errors.New("schema: storage mode differs from the recorded one")

// ErrNoTimescale is returned when timescale mode is forced on a server that
// cannot load the TimescaleDB extension.
var ErrNoTimescale = errors.New("schema: timescaledb is not available on this server")

// recordedMode returns the mode stored by the first migration, or "" when the
// database has not been migrated yet.
func recordedMode(ctx context.Context, conn *pgx.Conn) (Mode, error) {
	exists, err := tableExists(ctx, conn, "prophasis_meta")
	if err != nil || !exists {
		return "", err
	}
	var mode Mode
	if err := conn.QueryRow(ctx, `SELECT storage_mode FROM prophasis_meta`).Scan(&mode); err != nil {
		return "", fmt.Errorf("schema: read storage mode: %w", err)
	}
	return mode, nil
}

// tableExists reports whether name resolves to a relation on the search path.
func tableExists(ctx context.Context, conn *pgx.Conn, name string) (bool, error) {
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, name).Scan(&ok); err != nil {
		return false, fmt.Errorf("schema: look up %s: %w", name, err)
	}
	return ok, nil
}

// timescaleUsable reports whether TimescaleDB can work here: the extension
// files are installed and the server preloads the library (without the
// preload even an existing extension refuses every hypertable).
func timescaleUsable(ctx context.Context, conn *pgx.Conn) (bool, error) {
	const q = `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
		AND current_setting('shared_preload_libraries') ~ '(^|[\s,])"?timescaledb"?($|[\s,])'`
	var ok bool
	if err := conn.QueryRow(ctx, q).Scan(&ok); err != nil {
		return false, fmt.Errorf("schema: detect timescaledb: %w", err)
	}
	return ok, nil
}

// chooseMode decides the storage mode: the recorded one if the database has
// one, else the forced one, else timescale when usable.
func chooseMode(ctx context.Context, conn *pgx.Conn, want Mode) (Mode, error) {
	if want != "" && want != ModeTimescale && want != ModePlain {
		return "", fmt.Errorf("schema: unknown storage mode %q", want)
	}
	recorded, err := recordedMode(ctx, conn)
	if err != nil {
		return "", err
	}
	if recorded != "" {
		if want != "" && want != recorded {
			return "", fmt.Errorf("%w: database is %s, asked for %s", ErrModeMismatch, recorded, want)
		}
		return recorded, nil
	}
	usable, err := timescaleUsable(ctx, conn)
	if err != nil {
		return "", err
	}
	switch {
	case want == ModeTimescale && !usable:
		return "", fmt.Errorf("%w (install it and add it to shared_preload_libraries)", ErrNoTimescale)
	case want != "":
		return want, nil
	case usable:
		return ModeTimescale, nil
	}
	return ModePlain, nil
}
