package analyst_test

import (
	"context"
	"testing"

	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/query"
)

// BenchmarkHealth compares reading every service's health through the
// view with package query's three-query load, on 1,000 hosts in 50 nested
// groups with 100 services (host, group and redundancy dependencies).
func BenchmarkHealth(b *testing.B) {
	db := pgtest.Plain(b)
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO plugins (id, name) VALUES ('com.example.cpu', 'CPU')`,
		`INSERT INTO hosts (name, address) SELECT 'h' || i, 'h' || i FROM generate_series(1, 1000) i`,
		`INSERT INTO host_groups (name) SELECT 'g' || i FROM generate_series(1, 50) i`,
		`INSERT INTO host_group_hosts (group_id, host_id) SELECT 1 + (id % 50), id FROM hosts`,
		`INSERT INTO host_group_groups (parent_id, child_id) SELECT i, i + 1 FROM generate_series(1, 49, 2) i`,
		`INSERT INTO checks (name) VALUES ('cpu')`,
		`INSERT INTO check_host_groups (check_id, group_id) SELECT 1, id FROM host_groups`,
		`INSERT INTO check_plugins (check_id, plugin_id) VALUES (1, 'com.example.cpu')`,
		`INSERT INTO current_state (host_id, plugin_id, check_id, time, status, classification, severity, since)
			SELECT id, 'com.example.cpu', 1, now(), 'ok', c, prophasis_severity(c), now()
			FROM (SELECT id, (ARRAY['ok', 'ok', 'ok', 'minor', 'critical'])[1 + id % 5] AS c FROM hosts) h`,
		`INSERT INTO services (name) SELECT 's' || i FROM generate_series(1, 100) i`,
		`INSERT INTO service_dependencies (service_id, host_id) SELECT id, id FROM services`,
		`INSERT INTO service_dependencies (service_id, host_group_id) SELECT id, 1 + id % 50 FROM services`,
		`INSERT INTO redundancy_groups (service_id, name) SELECT id, 'r' FROM services`,
		`INSERT INTO redundancy_group_members (group_id, host_id) SELECT r.id, r.id * 3 + k FROM redundancy_groups r, generate_series(1, 3) k`,
		`INSERT INTO service_dependencies (service_id, redundancy_group_id) SELECT service_id, id FROM redundancy_groups`,
		`ANALYZE`,
	} {
		if _, err := db.Exec(ctx, q); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	b.Run("view", func(b *testing.B) {
		for b.Loop() {
			var n int
			if err := db.QueryRow(ctx, `SELECT count(*) FROM analyst.service_health WHERE severity > 1`).Scan(&n); err != nil || n == 0 {
				b.Fatal(n, err)
			}
		}
	})
	b.Run("query.LoadHealth", func(b *testing.B) {
		for b.Loop() {
			h, err := query.LoadHealth(ctx, db)
			if err != nil {
				b.Fatal(err)
			}
			if len(h.ServiceStates()) != 100 {
				b.Fatal("services missing")
			}
		}
	})
}
