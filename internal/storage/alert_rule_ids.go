package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// AlertRuleIDs returns every alert rule's id by name, for listings that
// then load each rule with AlertRuleForm.
func AlertRuleIDs(ctx context.Context, db DBTX) ([]int64, error) {
	rows, _ := db.Query(ctx, `SELECT id FROM alert_rules ORDER BY lower(name), id`)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("storage: alert rule ids: %w", mapErr(err))
	}
	return ids, nil
}
