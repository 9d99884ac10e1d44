package analyst_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/analyst"
	"github.com/prophasis/prophasis/internal/pgtest"
)

func TestValidateName(t *testing.T) {
	tests := []struct {
		name string
		role string
		ok   bool
	}{
		{name: "plain", role: "grafana", ok: true},
		{name: "underscore and digits", role: "_bi_reader2", ok: true},
		{name: "63 characters", role: strings.Repeat("a", 63), ok: true},
		{name: "64 characters", role: strings.Repeat("a", 64)},
		{name: "empty", role: ""},
		{name: "leading digit", role: "1reader"},
		{name: "upper case", role: "Reader"},
		{name: "quote", role: `r"; DROP ROLE postgres; --`},
		{name: "space", role: "bi reader"},
		{name: "reserved prefix", role: "pg_reader"},
		{name: "non-ascii", role: "lecteur_é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := analyst.ValidateName(tt.role); (err == nil) != tt.ok {
				t.Errorf("ValidateName(%q) = %v, want ok %v", tt.role, err, tt.ok)
			}
		})
	}
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		name     string
		password string
		ok       bool
	}{
		{name: "long enough", password: "correct horse", ok: true},
		{name: "quotes are data", password: `it's "fine"; --`, ok: true},
		{name: "too short", password: "short"},
		{name: "too long", password: strings.Repeat("x", 1025)},
		{name: "newline", password: "line one\nline two"},
		{name: "non-ascii", password: "mot de passe é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := analyst.ValidatePassword(tt.password); (err == nil) != tt.ok {
				t.Errorf("ValidatePassword(%q) = %v, want ok %v", tt.password, err, tt.ok)
			}
		})
	}
}

func TestCreateAndDropRefuseWhatTheyShould(t *testing.T) {
	db := pgtest.Plain(t)
	ctx := context.Background()
	name := newReader(t, db, 0)
	err := analyst.CreateReader(ctx, db, analyst.Reader{Name: name, Password: "another password"})
	if !errors.Is(err, analyst.ErrExists) {
		t.Errorf("second create: %v, want ErrExists", err)
	}
	other := uniqueName(t, "other")
	if _, err := db.Exec(ctx, `CREATE ROLE `+other+` LOGIN`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = db.Exec(context.Background(), `DROP ROLE `+other) })
	for _, role := range []string{other, "postgres"} {
		if err := analyst.DropReader(ctx, db, role); !errors.Is(err, analyst.ErrNotReader) {
			t.Errorf("drop %s: %v, want ErrNotReader", role, err)
		}
	}
	if err := analyst.DropReader(ctx, db, uniqueName(t, "missing")); !errors.Is(err, analyst.ErrNotFound) {
		t.Errorf("drop a missing role: %v, want ErrNotFound", err)
	}
	var exists bool
	if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, other).Scan(&exists); err != nil || !exists {
		t.Errorf("role %s was dropped (exists %v, %v)", other, exists, err)
	}
}

func TestDropReaderRemovesTheRole(t *testing.T) {
	db := pgtest.Plain(t)
	ctx := context.Background()
	name := uniqueName(t, "reader")
	if err := analyst.CreateReader(ctx, db, analyst.Reader{Name: name, Password: "correct horse"}); err != nil {
		t.Fatal(err)
	}
	if err := analyst.DropReader(ctx, db, name); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM pg_roles WHERE rolname = $1`, name).Scan(&n); err != nil || n != 0 {
		t.Errorf("role still there (%d, %v)", n, err)
	}
}
