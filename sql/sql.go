// Package sql holds Prophasis's database schema as tern migrations, embedded
// in the binary so a server can create or upgrade its own database. The Go
// code that runs them lives in internal/schema; this package is only the SQL.
package sql

import "embed"

// Migrations holds the numbered migration files under migrations/. They are
// text/template files: internal/schema renders them with the storage mode so
// TimescaleDB-only DDL is switched on or off.
//
//go:embed migrations/*.sql
var Migrations embed.FS
