package dashboards

import (
	"context"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/internal/storage"
)

// AddUser creates a user from the command line (`prophasis user add`) with
// the same rules as the users page: username pattern, role admin or viewer,
// password length. The audit log records the actor as "cli".
func AddUser(ctx context.Context, db *pgxpool.Pool, username, role, password string) (int64, error) {
	switch n := utf8.RuneCountInString(password); {
	case !usernamePattern.MatchString(username):
		return 0, fmt.Errorf("username %q: use 1-64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit", username)
	case role != storage.RoleAdmin && role != storage.RoleViewer:
		return 0, fmt.Errorf("role %q: want admin or viewer", role)
	case n < minPasswordLen || n > maxPasswordLen:
		return 0, fmt.Errorf("the password needs %d to %d characters", minPasswordLen, maxPasswordLen)
	}
	hash, err := auth.NewHasher(auth.DefaultParams(), 1).Hash(ctx, password)
	if err != nil {
		return 0, err
	}
	var id int64
	err = pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		if id, err = storage.CreateUser(ctx, tx, storage.User{Username: username, Role: role, PasswordHash: hash}); err != nil {
			return err
		}
		return storage.Audit(ctx, tx, storage.AuditEntry{Actor: "cli", Action: "create", EntityType: "user",
			EntityID: strconv.FormatInt(id, 10), After: map[string]any{"username": username, "role": role}})
	})
	if err != nil {
		return 0, fmt.Errorf("add user %s: %w", username, err)
	}
	return id, nil
}
