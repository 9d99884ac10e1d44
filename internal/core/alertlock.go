package core

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// alertLockKey is the PostgreSQL advisory lock that serialises alert
// engine calls across the server processes of one database ("prophasi" in
// ASCII, so it cannot clash with tern's migration lock).
const alertLockKey int64 = 0x70726f7068617369

// lockedCallTimeout bounds one engine call under the lock; a tick retrying
// a failing channel takes at most a few minutes (alert.DefaultMaxTries
// attempts of alert.DefaultSendTimeout with backoff).
const lockedCallTimeout = 5 * time.Minute

// withAlertLock runs f while this process holds the alert lock, on a
// connection of its own: if the process dies, PostgreSQL ends the session
// and the lock passes to the next process that asks. With wait false it
// returns false at once when another process holds the lock.
func withAlertLock(ctx context.Context, db *pgxpool.Pool, wait bool, f func(context.Context) error) (bool, error) {
	conn, err := db.Acquire(ctx)
	if err != nil {
		return false, fmt.Errorf("alert lock: connect: %w", err)
	}
	defer conn.Release()
	got := true
	if wait {
		_, err = conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, alertLockKey)
	} else {
		err = conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, alertLockKey).Scan(&got)
	}
	if err != nil {
		return false, fmt.Errorf("alert lock: %w", err)
	}
	if !got {
		return false, nil
	}
	// Once the lock is held the call runs to its end, shutdown or not: a
	// tick cut between sending and saving would send again elsewhere.
	callCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lockedCallTimeout)
	ferr := f(callCtx)
	cancel()
	var unlocked bool
	err = conn.QueryRow(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, alertLockKey).Scan(&unlocked)
	if err != nil || !unlocked {
		// A session that may still hold the lock must not go back to the
		// pool: closing it is what releases the lock.
		_ = conn.Hijack().Close(context.WithoutCancel(ctx))
		ferr = errors.Join(ferr, fmt.Errorf("alert lock: unlock: %v", err))
	}
	return true, ferr
}
