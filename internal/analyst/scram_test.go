package analyst

import (
	"context"
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
)

// storedVerifier parses iterations and salt out of a stored verifier.
var storedVerifier = regexp.MustCompile(`^SCRAM-SHA-256\$([0-9]+):([A-Za-z0-9+/=]+)\$`)

// TestVerifierMatchesPostgreSQL has the server hash a password itself, then
// computes the verifier with the server's salt: both must be identical, or
// readers could not log in with their password.
func TestVerifierMatchesPostgreSQL(t *testing.T) {
	db := pgtest.Plain(t)
	ctx := context.Background()
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }() // the role disappears with the transaction
	for _, password := range []string{"correct horse battery", `it's "quoted" $1 \x`} {
		if _, err := tx.Exec(ctx, `SET LOCAL password_encryption = 'scram-sha-256'`); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, `DROP ROLE IF EXISTS scram_probe`); err != nil {
			t.Fatal(err)
		}
		// The literal is built here only because this test controls it.
		if _, err := tx.Exec(ctx, `CREATE ROLE scram_probe PASSWORD `+quoteLiteral(password)); err != nil {
			t.Fatal(err)
		}
		var stored string
		if err := tx.QueryRow(ctx, `SELECT rolpassword FROM pg_authid WHERE rolname = 'scram_probe'`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		m := storedVerifier.FindStringSubmatch(stored)
		if m == nil {
			t.Fatalf("unexpected verifier %q", stored)
		}
		iterations, _ := strconv.Atoi(m[1])
		salt, err := base64.StdEncoding.DecodeString(m[2])
		if err != nil {
			t.Fatal(err)
		}
		got, err := scramVerifier(password, salt, iterations)
		if err != nil {
			t.Fatal(err)
		}
		if got != stored {
			t.Errorf("password %q:\n ours   %s\n server %s", password, got, stored)
		}
		if !verifierPattern.MatchString(got) {
			t.Errorf("verifier %q does not match verifierPattern", got)
		}
	}
}

func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
