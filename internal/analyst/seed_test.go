package analyst_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

// seeder writes configuration and state straight into the tables, so view
// tests need no other package's write path.
type seeder struct {
	t  *testing.T
	db *pgxpool.Pool
}

// id runs an INSERT ... RETURNING id.
func (s seeder) id(q string, args ...any) int64 {
	s.t.Helper()
	var id int64
	if err := s.db.QueryRow(context.Background(), q, args...).Scan(&id); err != nil {
		s.t.Fatalf("%s: %v", q, err)
	}
	return id
}

// exec runs a statement.
func (s seeder) exec(q string, args ...any) {
	s.t.Helper()
	if _, err := s.db.Exec(context.Background(), q, args...); err != nil {
		s.t.Fatalf("%s: %v", q, err)
	}
}

func (s seeder) host(name string) int64 {
	return s.id(`INSERT INTO hosts (name, address) VALUES ($1, $1 || '.example.com') RETURNING id`, name)
}

func (s seeder) group(name string, hosts []int64, children []int64) int64 {
	id := s.id(`INSERT INTO host_groups (name) VALUES ($1) RETURNING id`, name)
	s.exec(`INSERT INTO host_group_hosts (group_id, host_id) SELECT $1, unnest($2::bigint[])`, id, hosts)
	s.exec(`INSERT INTO host_group_groups (parent_id, child_id) SELECT $1, unnest($2::bigint[])`, id, children)
	return id
}

func (s seeder) plugin(id, name string) {
	s.exec(`INSERT INTO plugins (id, name) VALUES ($1, $2)`, id, name)
}

// check assigns plugins to hosts and groups.
func (s seeder) check(name string, hosts, groups []int64, plugins ...string) int64 {
	id := s.id(`INSERT INTO checks (name) VALUES ($1) RETURNING id`, name)
	s.exec(`INSERT INTO check_hosts (check_id, host_id) SELECT $1, unnest($2::bigint[])`, id, hosts)
	s.exec(`INSERT INTO check_host_groups (check_id, group_id) SELECT $1, unnest($2::bigint[])`, id, groups)
	s.exec(`INSERT INTO check_plugins (check_id, plugin_id) SELECT $1, unnest($2::text[])`, id, plugins)
	return id
}

// current sets the latest classification of a series (check nil: pushed).
func (s seeder) current(host int64, plugin string, check *int64, classification string) {
	s.exec(`INSERT INTO current_state (host_id, plugin_id, check_id, time, status, classification, severity, since)
		VALUES ($1, $2, $3, now(), 'ok', $4, prophasis_severity($4), now())`, host, plugin, check, classification)
}

// service creates a service depending on hosts, groups and one redundancy
// group per entry of redundancy (hosts and groups alike, as members).
func (s seeder) service(name string, hosts, groups []int64, redundancy ...[2][]int64) int64 {
	id := s.id(`INSERT INTO services (name) VALUES ($1) RETURNING id`, name)
	s.exec(`INSERT INTO service_dependencies (service_id, host_id) SELECT $1, unnest($2::bigint[])`, id, hosts)
	s.exec(`INSERT INTO service_dependencies (service_id, host_group_id) SELECT $1, unnest($2::bigint[])`, id, groups)
	for i, members := range redundancy {
		rg := s.id(`INSERT INTO redundancy_groups (service_id, name) VALUES ($1, 'r' || $2::int) RETURNING id`, id, i)
		s.exec(`INSERT INTO redundancy_group_members (group_id, host_id) SELECT $1, unnest($2::bigint[])`, rg, members[0])
		s.exec(`INSERT INTO redundancy_group_members (group_id, host_group_id) SELECT $1, unnest($2::bigint[])`, rg, members[1])
		s.exec(`INSERT INTO service_dependencies (service_id, redundancy_group_id) VALUES ($1, $2)`, id, rg)
	}
	return id
}
