package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// tokenTouchEvery is how stale last_used_at may get: recording every
// request would turn each API read into a row write.
const tokenTouchEvery = time.Minute

// APITokenByHash resolves a presented token's SHA-256 to its unrevoked
// token (ErrNotFound otherwise). The lookup is by hash, so response time
// says nothing about how close a guess came to a real token.
func APITokenByHash(ctx context.Context, db DBTX, hash []byte) (APIToken, error) {
	rows, _ := db.Query(ctx, `SELECT id, name, scope, '' AS created_by, created_at, last_used_at, revoked_at
		FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`, hash)
	tok, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[APIToken])
	if err != nil {
		return APIToken{}, fmt.Errorf("storage: api token: %w", mapErr(err))
	}
	return tok, nil
}

// TouchAPIToken records a use of tok at now, at most once a minute per
// token (the check is repeated in SQL so concurrent requests write once).
func TouchAPIToken(ctx context.Context, db DBTX, tok APIToken, now time.Time) error {
	if tok.LastUsedAt != nil && now.Sub(*tok.LastUsedAt) < tokenTouchEvery {
		return nil
	}
	_, err := db.Exec(ctx, `UPDATE api_tokens SET last_used_at = $2
		WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`, tok.ID, now, now.Add(-tokenTouchEvery))
	if err != nil {
		return fmt.Errorf("storage: touch api token %d: %w", tok.ID, mapErr(err))
	}
	return nil
}
