package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// NotifierInput is a notifier as forms edit it. Settings is the plain JSON;
// Secrets the sealed JSON (see alert/channels.Split). On update, nil
// Secrets keeps the stored ones, so a form never has to show a secret.
type NotifierInput struct {
	Name     string
	Kind     string
	Settings []byte
	Secrets  []byte
	Enabled  bool
}

// NotifierSummary is a notifier for listings: never its secrets, only
// whether it has some.
type NotifierSummary struct {
	ID         int64  `db:"id"`
	Name       string `db:"name"`
	Kind       string `db:"kind"`
	Settings   []byte `db:"settings"`
	HasSecrets bool   `db:"has_secrets"`
	Enabled    bool   `db:"enabled"`
}

// CreateNotifier inserts a notifier.
func CreateNotifier(ctx context.Context, db DBTX, in NotifierInput) (int64, error) {
	const q = `INSERT INTO notifiers (name, kind, settings, secrets_encrypted, enabled)
		VALUES ($1, $2, coalesce($3::jsonb, '{}'), $4, $5) RETURNING id`
	var id int64
	if err := db.QueryRow(ctx, q, in.Name, in.Kind, alertJSON(in.Settings), in.Secrets, in.Enabled).Scan(&id); err != nil {
		return 0, fmt.Errorf("storage: create notifier: %w", mapErr(err))
	}
	return id, nil
}

// UpdateNotifier replaces a notifier's settings, keeping its secrets when
// in.Secrets is nil.
func UpdateNotifier(ctx context.Context, db DBTX, id int64, in NotifierInput) error {
	const q = `UPDATE notifiers SET name = $2, kind = $3, settings = coalesce($4::jsonb, '{}'),
			secrets_encrypted = coalesce($5, secrets_encrypted), enabled = $6
		WHERE id = $1`
	tag, err := db.Exec(ctx, q, id, in.Name, in.Kind, alertJSON(in.Settings), in.Secrets, in.Enabled)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	if err != nil {
		return fmt.Errorf("storage: update notifier %d: %w", id, mapErr(err))
	}
	return nil
}

// DeleteNotifier removes a notifier; rules lose it, escalations to it stop.
func DeleteNotifier(ctx context.Context, db DBTX, id int64) error {
	tag, err := db.Exec(ctx, `DELETE FROM notifiers WHERE id = $1`, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	if err != nil {
		return fmt.Errorf("storage: delete notifier %d: %w", id, mapErr(err))
	}
	return nil
}

// ListNotifiers returns every notifier by name.
func ListNotifiers(ctx context.Context, db DBTX) ([]NotifierSummary, error) {
	const q = `SELECT id, name, kind, settings, secrets_encrypted IS NOT NULL AS has_secrets, enabled
		FROM notifiers ORDER BY lower(name), id`
	rows, _ := db.Query(ctx, q)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[NotifierSummary])
	if err != nil {
		return nil, fmt.Errorf("storage: list notifiers: %w", mapErr(err))
	}
	return out, nil
}

// alertJSON passes empty settings as NULL (stored as {}).
func alertJSON(b []byte) *string {
	if len(b) == 0 {
		return nil
	}
	s := string(b)
	return &s
}
