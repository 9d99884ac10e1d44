package demo

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// writeServices creates the host group "web tier" and the services.
func writeServices(ctx context.Context, tx pgx.Tx, ids *estateIDs) error {
	h := ids.hosts
	var group, shop, files, rg int64
	steps := []struct {
		sql  string
		args []any
		dest *int64
	}{
		{`INSERT INTO host_groups (name, description) VALUES ('web tier', 'Demo: the three web servers') RETURNING id`, nil, &group},
		{`INSERT INTO services (name, description) VALUES ('shop', 'Demo: web tier (any one of three), database and router') RETURNING id`, nil, &shop},
		{`INSERT INTO services (name, description) VALUES ('files', 'Demo: the file server') RETURNING id`, nil, &files},
		{`INSERT INTO redundancy_groups (service_id, name) VALUES ($1, 'web') RETURNING id`, []any{&shop}, &rg},
	}
	for _, s := range steps {
		args := make([]any, len(s.args))
		for i, a := range s.args {
			args[i] = *(a.(*int64))
		}
		if err := tx.QueryRow(ctx, s.sql, args...).Scan(s.dest); err != nil {
			return fmt.Errorf("demo: services: %w", err)
		}
	}
	ids.services["shop"], ids.services["files"] = shop, files
	links := []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO host_group_hosts (group_id, host_id) VALUES ($1, $2), ($1, $3), ($1, $4)`, []any{group, h["web-1"], h["web-2"], h["web-3"]}},
		{`INSERT INTO redundancy_group_members (group_id, host_id) VALUES ($1, $2), ($1, $3), ($1, $4)`, []any{rg, h["web-1"], h["web-2"], h["web-3"]}},
		{`INSERT INTO service_dependencies (service_id, redundancy_group_id) VALUES ($1, $2)`, []any{shop, rg}},
		{`INSERT INTO service_dependencies (service_id, host_id) VALUES ($1, $2), ($1, $3)`, []any{shop, h["db-1"], h["router-1"]}},
		{`INSERT INTO service_dependencies (service_id, host_id) VALUES ($1, $2)`, []any{files, h["files-1"]}},
	}
	for _, l := range links {
		if _, err := tx.Exec(ctx, l.sql, l.args...); err != nil {
			return fmt.Errorf("demo: service structure: %w", err)
		}
	}
	return nil
}
