package analyst_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/schema"
)

func TestReaderReadsEveryViewAndNoTable(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		ctx := context.Background()
		// A result makes TimescaleDB create a chunk, and the refresh a
		// materialised chunk of the continuous aggregate.
		if _, err := db.Exec(ctx, `INSERT INTO results (time, host_id, plugin_id, value, status, classification, severity)
			VALUES (now(), 1, 'com.example.x', 1, 'ok', 'ok', 1)`); err != nil {
			t.Fatal(err)
		}
		if err := schema.RefreshRollups(ctx, db, time.Now().Add(-48*time.Hour), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		conn := connectAs(t, db, newReader(t, db, 0))
		for view := range contract {
			if _, err := conn.Exec(ctx, `SELECT * FROM analyst.`+view+` LIMIT 1`); err != nil {
				t.Errorf("reader cannot read analyst.%s: %v", view, err)
			}
		}
		for _, q := range []string{
			`SELECT password_hash FROM users`, `SELECT token FROM sessions`, `SELECT * FROM api_tokens`,
			`SELECT * FROM setup_tokens`, `SELECT agent_key_encrypted FROM hosts`, `SELECT tls_fingerprint FROM hosts`,
			`SELECT settings, secrets_encrypted FROM notifiers`, `SELECT archive FROM plugin_versions`,
			`SELECT * FROM audit_log`, `SELECT * FROM results`,
		} {
			if _, err := conn.Exec(ctx, q); sqlState(err) != "42501" {
				t.Errorf("%s: %v; want insufficient_privilege (42501)", q, err)
			}
		}
		// Every relation of the application, and every table of TimescaleDB's
		// data: chunks, materialised continuous aggregates (TimescaleDB lets
		// PUBLIC read its background job statistics and size views, which
		// hold no monitoring data).
		rows, err := db.Query(ctx, `SELECT format('%I.%I', n.nspname, c.relname)
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE (n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f'))
			OR (n.nspname = '_timescaledb_internal' AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'bgw\_%')`)
		if err != nil {
			t.Fatal(err)
		}
		relations, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		if len(relations) < 40 {
			t.Fatalf("only %d relations found: %v", len(relations), relations)
		}
		if t.Name() == "TestReaderReadsEveryViewAndNoTable/timescale" {
			for _, kind := range []string{"._hyper_", "._materialized_hypertable_"} {
				if !slices.ContainsFunc(relations, func(r string) bool { return strings.Contains(r, kind) }) {
					t.Errorf("no %s relation to try: %v", kind, relations)
				}
			}
		}
		for _, rel := range relations {
			if _, err := conn.Exec(ctx, `SELECT * FROM `+rel+` LIMIT 1`); sqlState(err) != "42501" {
				t.Errorf("SELECT from %s: %v; want insufficient_privilege (42501)", rel, err)
			}
		}
	})
}

func TestReaderCannotWriteOrCreateEvenWhenLeavingReadOnly(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) {
		conn := connectAs(t, db, newReader(t, db, 0))
		ctx := context.Background()
		// Any session may turn the setting off: privileges must hold on their own.
		if _, err := conn.Exec(ctx, `SET default_transaction_read_only = off`); err != nil {
			t.Fatal(err)
		}
		stmts := []string{
			`UPDATE analyst.hosts SET description = 'x'`,
			`DELETE FROM analyst.alerts`,
			`INSERT INTO analyst.hosts (host_name, address) VALUES ('x', 'x')`,
			`INSERT INTO hosts (name, address) VALUES ('x', 'x')`,
			`UPDATE users SET role = 'admin'`,
			`DELETE FROM results`,
			`TRUNCATE state_changes`,
			`CREATE TABLE analyst.mine (i int)`,
			`CREATE TABLE public.mine (i int)`,
			`CREATE VIEW analyst.mine AS SELECT 1`,
			`CREATE TEMP TABLE mine (i int)`,
			`CREATE SCHEMA mine`,
			`CREATE FUNCTION analyst.mine() RETURNS int LANGUAGE sql RETURN 1`,
			`ALTER VIEW analyst.hosts RENAME TO mine`,
			`DROP VIEW analyst.hosts`,
		}
		var mode string
		if err := db.QueryRow(ctx, `SELECT storage_mode FROM prophasis_meta`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode == "timescale" {
			stmts = append(stmts,
				`SELECT add_retention_policy('results', INTERVAL '1 day', if_not_exists => true)`,
				`SELECT remove_retention_policy('results')`,
				`SELECT drop_chunks('results', older_than => now())`)
		}
		for _, s := range stmts {
			if _, err := conn.Exec(ctx, s); sqlState(err) != "42501" {
				t.Errorf("%s: %v; want insufficient_privilege (42501)", s, err)
			}
		}
	})
}

func TestReaderCanReadViewsAddedLater(t *testing.T) {
	db := pgtest.Plain(t)
	conn := connectAs(t, db, newReader(t, db, 0))
	ctx := context.Background()
	// What a later migration does, as the schema's owner.
	if _, err := db.Exec(ctx, `CREATE VIEW analyst.later AS SELECT host_id FROM analyst.hosts`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `SELECT * FROM analyst.later`); err != nil {
		t.Errorf("a view created after the reader: %v", err)
	}
}
