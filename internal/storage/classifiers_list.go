package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ClassifierRow is one stored classifier: a plugin's default (CheckID 0)
// or a check's override, with the version that counts its changes.
type ClassifierRow struct {
	PluginID string `db:"plugin_id"`
	CheckID  int64  `db:"check_id"`
	Code     string `db:"code"`
	Depth    int    `db:"history_depth"`
	Version  int    `db:"version"`
}

// ListClassifiers returns every classifier, defaults and overrides, so the
// configuration file can carry them all (CheckClassifiers only lists the
// checks that still run a plugin).
func ListClassifiers(ctx context.Context, db DBTX) ([]ClassifierRow, error) {
	rows, _ := db.Query(ctx, `SELECT plugin_id, coalesce(check_id, 0) AS check_id, code, history_depth, version
		FROM classifiers ORDER BY plugin_id, check_id NULLS FIRST`)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[ClassifierRow])
	if err != nil {
		return nil, fmt.Errorf("storage: list classifiers: %w", mapErr(err))
	}
	return out, nil
}
