package storage

import (
	"context"
	"fmt"
)

// ServiceDescriptions returns every service's description by id, which
// ServiceStructures leaves out (health does not need it; the API does).
func ServiceDescriptions(ctx context.Context, db DBTX) (map[int64]string, error) {
	rows, err := db.Query(ctx, `SELECT id, description FROM services`)
	if err != nil {
		return nil, fmt.Errorf("storage: service descriptions: %w", mapErr(err))
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var d string
		if err := rows.Scan(&id, &d); err != nil {
			return nil, fmt.Errorf("storage: service descriptions: %w", err)
		}
		out[id] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: service descriptions: %w", mapErr(err))
	}
	return out, nil
}
