package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ServiceStructure is a service's dependencies: hosts and host groups it
// needs, and redundancy groups of which one member must be up.
type ServiceStructure struct {
	ID         int64             `db:"id"`
	Name       string            `db:"name"`
	Hosts      []int64           `db:"hosts"`
	Groups     []int64           `db:"groups"`
	Redundancy []RedundancyGroup `db:"redundancy"`
}

// RedundancyGroup is one set of interchangeable hosts and host groups.
type RedundancyGroup struct {
	ID     int64   `json:"id"`
	Name   string  `json:"name"`
	Hosts  []int64 `json:"hosts"`
	Groups []int64 `json:"groups"`
}

const serviceStructuresQuery = `SELECT s.id, s.name,
		array(SELECT host_id FROM service_dependencies WHERE service_id = s.id AND host_id IS NOT NULL ORDER BY 1) AS hosts,
		array(SELECT host_group_id FROM service_dependencies WHERE service_id = s.id AND host_group_id IS NOT NULL ORDER BY 1) AS groups,
		coalesce((SELECT json_agg(json_build_object('id', r.id, 'name', r.name,
				'hosts', array(SELECT host_id FROM redundancy_group_members WHERE group_id = r.id AND host_id IS NOT NULL ORDER BY 1),
				'groups', array(SELECT host_group_id FROM redundancy_group_members WHERE group_id = r.id AND host_group_id IS NOT NULL ORDER BY 1))
				ORDER BY r.id)
			FROM redundancy_groups r
			WHERE r.service_id = s.id
			AND EXISTS (SELECT 1 FROM service_dependencies d WHERE d.redundancy_group_id = r.id)), '[]') AS redundancy
	FROM services s ORDER BY s.id`

// ServiceStructures loads every service's structure in one query. A
// redundancy group only counts when the service lists it as a dependency.
func ServiceStructures(ctx context.Context, db DBTX) ([]ServiceStructure, error) {
	rows, _ := db.Query(ctx, serviceStructuresQuery)
	return collectServiceStructures(rows)
}

// QueueServiceStructures is ServiceStructures added to b, for the ingest
// path's pipeline; the structures land in into.
func QueueServiceStructures(b *pgx.Batch, into *[]ServiceStructure) {
	b.Queue(serviceStructuresQuery).Query(func(rows pgx.Rows) error {
		out, err := collectServiceStructures(rows)
		*into = out
		return err
	})
}

func collectServiceStructures(rows pgx.Rows) ([]ServiceStructure, error) {
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (ServiceStructure, error) {
		var s ServiceStructure
		var redundancy []byte
		if err := row.Scan(&s.ID, &s.Name, &s.Hosts, &s.Groups, &redundancy); err != nil {
			return s, err
		}
		return s, json.Unmarshal(redundancy, &s.Redundancy)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: service structures: %w", mapErr(err))
	}
	return out, nil
}
