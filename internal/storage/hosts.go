package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Host is a monitored machine running prophasis-agent. AgentKey is the
// agent's key encrypted with the server secret (secretbox); it is never
// stored or shown in plain text.
type Host struct {
	ID          int64  `db:"id"`
	Name        string `db:"name"`
	Address     string `db:"address"`
	Port        int    `db:"agent_port"`
	Description string `db:"description"`
	AgentKey    []byte `db:"agent_key"`
	Fingerprint string `db:"tls_fingerprint"` // lower-case hex SHA-256, "" when not pinned
	Enabled     bool   `db:"enabled"`
}

const hostColumns = `id, name, address, agent_port, description, agent_key_encrypted AS agent_key,
	coalesce(encode(tls_fingerprint, 'hex'), '') AS tls_fingerprint, enabled`

// ListHosts returns hosts whose name, address or description contains
// search (all when it is empty), by name.
func ListHosts(ctx context.Context, db DBTX, search string) ([]Host, error) {
	q := `SELECT ` + hostColumns + ` FROM hosts
		WHERE $1 = '' OR name ILIKE '%' || $1 || '%' OR address ILIKE '%' || $1 || '%'
			OR description ILIKE '%' || $1 || '%'
		ORDER BY lower(name), id`
	rows, _ := db.Query(ctx, q, escapeLike(search))
	hosts, err := pgx.CollectRows(rows, pgx.RowToStructByName[Host])
	if err != nil {
		return nil, fmt.Errorf("storage: list hosts: %w", mapErr(err))
	}
	return hosts, nil
}

// HostByID loads one host.
func HostByID(ctx context.Context, db DBTX, id int64) (Host, error) {
	rows, _ := db.Query(ctx, `SELECT `+hostColumns+` FROM hosts WHERE id = $1`, id)
	h, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Host])
	if err != nil {
		return Host{}, fmt.Errorf("storage: load host %d: %w", id, mapErr(err))
	}
	return h, nil
}

// CreateHost inserts h and returns its id; a taken name is ErrDuplicate.
func CreateHost(ctx context.Context, db DBTX, h Host) (int64, error) {
	const q = `INSERT INTO hosts (name, address, agent_port, description, agent_key_encrypted, tls_fingerprint, enabled)
		VALUES ($1, $2, $3, $4, $5, decode(nullif($6, ''), 'hex'), $7) RETURNING id`
	var id int64
	err := db.QueryRow(ctx, q, h.Name, h.Address, h.Port, h.Description, h.AgentKey, h.Fingerprint, h.Enabled).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("storage: create host %q: %w", h.Name, mapErr(err))
	}
	return id, nil
}

// UpdateHost saves h's fields; a nil AgentKey keeps the stored key, so the
// edit form never needs to show (or resend) it.
func UpdateHost(ctx context.Context, db DBTX, h Host) error {
	const q = `UPDATE hosts SET name = $2, address = $3, agent_port = $4, description = $5,
		agent_key_encrypted = coalesce($6, agent_key_encrypted), tls_fingerprint = decode(nullif($7, ''), 'hex'),
		enabled = $8, updated_at = now() WHERE id = $1`
	return execOne(ctx, db, q, h.ID, h.Name, h.Address, h.Port, h.Description, h.AgentKey, h.Fingerprint, h.Enabled)
}

// DeleteHost removes a host; its results and memberships go with it.
func DeleteHost(ctx context.Context, db DBTX, id int64) error {
	return execOne(ctx, db, `DELETE FROM hosts WHERE id = $1`, id)
}
