package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ServiceInput is a service as the editor saves it: its direct
// dependencies and its redundancy groups (each one a dependency too).
type ServiceInput struct {
	Name, Description string
	Hosts, Groups     []int64
	Redundancy        []RedundancyGroup // ID ignored: groups are rewritten
}

// SaveService creates (id 0) or replaces a service with its whole
// structure in one transaction and returns its id.
func SaveService(ctx context.Context, db DBTX, id int64, in ServiceInput) (int64, error) {
	err := alertInTx(ctx, db, func(tx DBTX) error {
		if err := resetService(ctx, tx, &id, in); err != nil {
			return err
		}
		return writeServiceStructure(ctx, tx, id, in)
	})
	if err != nil {
		return 0, fmt.Errorf("storage: save service %q: %w", in.Name, mapErr(err))
	}
	return id, nil
}

// resetService inserts the service row (setting *id) or updates it and
// drops its old structure.
func resetService(ctx context.Context, tx DBTX, id *int64, in ServiceInput) error {
	if *id == 0 {
		const q = `INSERT INTO services (name, description) VALUES ($1, $2) RETURNING id`
		return tx.QueryRow(ctx, q, in.Name, in.Description).Scan(id)
	}
	tag, err := tx.Exec(ctx, `UPDATE services SET name = $2, description = $3 WHERE id = $1`, *id, in.Name, in.Description)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM service_dependencies WHERE service_id = $1`, *id); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `DELETE FROM redundancy_groups WHERE service_id = $1`, *id)
	return err
}

func writeServiceStructure(ctx context.Context, tx DBTX, id int64, in ServiceInput) error {
	const deps = `INSERT INTO service_dependencies (service_id, host_id, host_group_id)
		SELECT $1::bigint, h, NULL::bigint FROM unnest($2::bigint[]) h
		UNION ALL SELECT $1::bigint, NULL::bigint, g FROM unnest($3::bigint[]) g`
	if _, err := tx.Exec(ctx, deps, id, in.Hosts, in.Groups); err != nil {
		return err
	}
	const members = `INSERT INTO redundancy_group_members (group_id, host_id, host_group_id)
		SELECT $1::bigint, h, NULL::bigint FROM unnest($2::bigint[]) h
		UNION ALL SELECT $1::bigint, NULL::bigint, g FROM unnest($3::bigint[]) g`
	for _, r := range in.Redundancy {
		var rg int64
		err := tx.QueryRow(ctx, `INSERT INTO redundancy_groups (service_id, name) VALUES ($1, $2) RETURNING id`, id, r.Name).Scan(&rg)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO service_dependencies (service_id, redundancy_group_id) VALUES ($1, $2)`, id, rg); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, members, rg, r.Hosts, r.Groups); err != nil {
			return err
		}
	}
	return nil
}

// DeleteService removes a service with its structure.
func DeleteService(ctx context.Context, db DBTX, id int64) error {
	tag, err := db.Exec(ctx, `DELETE FROM services WHERE id = $1`, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	if err != nil {
		return fmt.Errorf("storage: delete service %d: %w", id, mapErr(err))
	}
	return nil
}
