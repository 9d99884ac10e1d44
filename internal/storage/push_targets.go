package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// HostRef names a host for results pushed from outside.
type HostRef struct {
	ID      int64  `db:"id"`
	Name    string `db:"name"`
	Address string `db:"address"`
}

// PluginRef names a plugin for results pushed from outside.
type PluginRef struct {
	ID   string `db:"id"`
	Name string `db:"name"`
}

// HostRefs returns the hosts whose name is in names or id in ids, so a
// batch of pushed results is resolved in one query.
func HostRefs(ctx context.Context, db DBTX, names []string, ids []int64) ([]HostRef, error) {
	rows, _ := db.Query(ctx, `SELECT id, name, address FROM hosts WHERE name = ANY($1) OR id = ANY($2)`, names, ids)
	refs, err := pgx.CollectRows(rows, pgx.RowToStructByName[HostRef])
	if err != nil {
		return nil, fmt.Errorf("storage: resolve hosts: %w", mapErr(err))
	}
	return refs, nil
}

// PluginRefs returns the plugins whose id or name is in keys.
func PluginRefs(ctx context.Context, db DBTX, keys []string) ([]PluginRef, error) {
	rows, _ := db.Query(ctx, `SELECT id, name FROM plugins WHERE id = ANY($1) OR name = ANY($1)`, keys)
	refs, err := pgx.CollectRows(rows, pgx.RowToStructByName[PluginRef])
	if err != nil {
		return nil, fmt.Errorf("storage: resolve plugins: %w", mapErr(err))
	}
	return refs, nil
}
