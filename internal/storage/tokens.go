package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ReplaceSetupToken makes hash the only valid first-admin setup token, so a
// link printed at an earlier start stops working when a new one is printed.
func ReplaceSetupToken(ctx context.Context, db DBTX, hash []byte, expires time.Time) error {
	if _, err := db.Exec(ctx, `DELETE FROM setup_tokens`); err != nil {
		return fmt.Errorf("storage: clear setup tokens: %w", mapErr(err))
	}
	_, err := db.Exec(ctx, `INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, $2)`, hash, expires)
	if err != nil {
		return fmt.Errorf("storage: store setup token: %w", mapErr(err))
	}
	return nil
}

// SetupTokenValid reports whether hash is an unexpired setup token.
func SetupTokenValid(ctx context.Context, db DBTX, hash []byte, now time.Time) (bool, error) {
	var ok bool
	err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2)`,
		hash, now).Scan(&ok)
	return ok, mapErr(err)
}

// ConsumeSetupToken deletes the unexpired token hash (ErrNotFound when
// there is none), so a token works exactly once. A wrong guess deletes
// nothing and cannot invalidate the real link.
func ConsumeSetupToken(ctx context.Context, db DBTX, hash []byte, now time.Time) error {
	return execOne(ctx, db, `DELETE FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2`, hash, now)
}

// DeleteExpiredSessions removes web sessions past their expiry (the table
// belongs to scs/pgxstore, which only ignores them) and returns how many.
func DeleteExpiredSessions(ctx context.Context, db DBTX, now time.Time) (int64, error) {
	tag, err := db.Exec(ctx, `DELETE FROM sessions WHERE expiry < $1`, now)
	if err != nil {
		return 0, fmt.Errorf("storage: delete expired sessions: %w", mapErr(err))
	}
	return tag.RowsAffected(), nil
}

// APIToken is a bearer token for the REST API; only its SHA-256 is stored.
type APIToken struct {
	ID         int64      `db:"id"`
	Name       string     `db:"name"`
	Scope      string     `db:"scope"` // read or write
	CreatedBy  string     `db:"created_by"`
	CreatedAt  time.Time  `db:"created_at"`
	LastUsedAt *time.Time `db:"last_used_at"`
	RevokedAt  *time.Time `db:"revoked_at"`
}

// CreateAPIToken stores a new token's hash and returns its id.
func CreateAPIToken(ctx context.Context, db DBTX, name, scope string, hash []byte, createdBy *int64) (int64, error) {
	var id int64
	err := db.QueryRow(ctx, `INSERT INTO api_tokens (name, token_hash, scope, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
		name, hash, scope, createdBy).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("storage: create api token %q: %w", name, mapErr(err))
	}
	return id, nil
}

// ListAPITokens returns every token, newest first, revoked ones included
// (they stay for the audit trail).
func ListAPITokens(ctx context.Context, db DBTX) ([]APIToken, error) {
	rows, _ := db.Query(ctx, `SELECT t.id, t.name, t.scope, coalesce(u.username, '') AS created_by, t.created_at,
			t.last_used_at, t.revoked_at
		FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by ORDER BY t.created_at DESC, t.id DESC`)
	tokens, err := pgx.CollectRows(rows, pgx.RowToStructByName[APIToken])
	if err != nil {
		return nil, fmt.Errorf("storage: list api tokens: %w", mapErr(err))
	}
	return tokens, nil
}

// RevokeAPIToken marks a token revoked; revoking twice is ErrNotFound.
func RevokeAPIToken(ctx context.Context, db DBTX, id int64, now time.Time) error {
	return execOne(ctx, db, `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, now)
}

// UseAPIToken resolves a presented token's hash to its scope, recording the
// use; revoked and unknown tokens are ErrNotFound. For the REST API.
func UseAPIToken(ctx context.Context, db DBTX, hash []byte, now time.Time) (APIToken, error) {
	rows, _ := db.Query(ctx, `UPDATE api_tokens t SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL
		RETURNING id, name, scope, '' AS created_by, created_at, last_used_at, revoked_at`, hash, now)
	tok, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[APIToken])
	if err != nil {
		return APIToken{}, fmt.Errorf("storage: api token: %w", mapErr(err))
	}
	return tok, nil
}
