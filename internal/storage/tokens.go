package storage

import (
	"context"
	"fmt"
	"time"
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
