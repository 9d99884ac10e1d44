// Package pgtest gives tests a migrated PostgreSQL database of their own.
//
// Each test binary starts one PostgreSQL from the system's binaries (or uses
// the server in PROPHASIS_TEST_DATABASE_URL), migrates one template database
// per storage mode the first time a test asks for it, and hands every test a
// fresh clone of the template that is dropped when the test ends. A package
// that uses it calls Main from its TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
package pgtest

import (
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/schema"
)

// EnvURL names the variable holding an external server's URL (a superuser,
// or a role allowed to create databases); when set, no server is started.
const EnvURL = "PROPHASIS_TEST_DATABASE_URL"

// h is the harness of this test binary: one server for all its tests is the
// point of the package, so this is the one piece of package state.
var h harness

// Main runs the tests, then stops the server (and drops the templates on an
// external one). Call it from TestMain; tests fail if it was not called,
// because nothing else would stop the server.
func Main(m *testing.M) {
	h.mainCalled.Store(true)
	code := m.Run()
	h.shutdown()
	os.Exit(code)
}

// Plain returns a pool on a fresh plain-mode database, dropped at test end.
func Plain(t testing.TB) *pgxpool.Pool {
	t.Helper()
	return h.database(t, schema.ModePlain)
}

// Timescale returns a pool on a fresh timescale-mode database, dropped at
// test end. It skips the test, saying why, when the server cannot load
// TimescaleDB.
func Timescale(t testing.TB) *pgxpool.Pool {
	t.Helper()
	if !h.timescale(t) {
		t.Skip("pgtest: TimescaleDB is not installed/preloaded in this PostgreSQL; " +
			"skipping timescale-mode test (see README: Testing against TimescaleDB)")
	}
	return h.database(t, schema.ModeTimescale)
}

// EachMode runs f as one subtest per storage mode ("plain", "timescale"),
// each with its own fresh database; the timescale subtest skips when the
// extension is unavailable.
func EachMode(t *testing.T, f func(t *testing.T, db *pgxpool.Pool)) {
	t.Helper()
	t.Run(string(schema.ModePlain), func(t *testing.T) { f(t, Plain(t)) })
	t.Run(string(schema.ModeTimescale), func(t *testing.T) { f(t, Timescale(t)) })
}

// DSN returns the connection URL of db, for code under test that opens its
// own connections or pools (it may hold a password: never log it).
func DSN(t testing.TB, db *pgxpool.Pool) string {
	t.Helper()
	return db.Config().ConnString()
}
