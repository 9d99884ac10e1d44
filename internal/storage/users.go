package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// The two roles: admins change configuration, viewers only read reports.
const (
	RoleAdmin  = "admin"
	RoleViewer = "viewer"
)

// User is a person who signs in to the web app.
type User struct {
	ID           int64     `db:"id"`
	Username     string    `db:"username"`
	DisplayName  string    `db:"display_name"`
	Email        string    `db:"email"`
	Role         string    `db:"role"`
	PasswordHash string    `db:"password_hash"`
	Disabled     bool      `db:"disabled"`
	CreatedAt    time.Time `db:"created_at"`
}

const userColumns = `id, username, display_name, email, role, password_hash, disabled, created_at`

// CountUsers counts all users, enabled or not; zero means the first admin
// still has to be created through the setup link.
func CountUsers(ctx context.Context, db DBTX) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, mapErr(err)
}

// CountActiveAdmins counts enabled admins, so the last one cannot be
// demoted or disabled by mistake. It locks the users table until tx ends,
// so two concurrent demotions cannot both see "one other admin is left".
func CountActiveAdmins(ctx context.Context, tx pgx.Tx) (int, error) {
	if _, err := tx.Exec(ctx, `LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return 0, fmt.Errorf("storage: lock users: %w", err)
	}
	var n int
	err := tx.QueryRow(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled`).Scan(&n)
	return n, mapErr(err)
}

// CreateUser inserts u and returns its id; a taken username is ErrDuplicate.
func CreateUser(ctx context.Context, db DBTX, u User) (int64, error) {
	const q = `INSERT INTO users (username, display_name, email, role, password_hash, disabled)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
	var id int64
	err := db.QueryRow(ctx, q, u.Username, u.DisplayName, u.Email, u.Role, u.PasswordHash, u.Disabled).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("storage: create user %q: %w", u.Username, mapErr(err))
	}
	return id, nil
}

// UserByID loads one user.
func UserByID(ctx context.Context, db DBTX, id int64) (User, error) {
	return oneUser(ctx, db, `SELECT `+userColumns+` FROM users WHERE id = $1`, id)
}

// UserByUsername loads one user by name, case-insensitively.
func UserByUsername(ctx context.Context, db DBTX, username string) (User, error) {
	return oneUser(ctx, db, `SELECT `+userColumns+` FROM users WHERE lower(username) = lower($1)`, username)
}

func oneUser(ctx context.Context, db DBTX, q string, arg any) (User, error) {
	rows, _ := db.Query(ctx, q, arg)
	u, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[User])
	if err != nil {
		return User{}, fmt.Errorf("storage: load user: %w", mapErr(err))
	}
	return u, nil
}

// ListUsers returns users whose name or email contains search, by username.
func ListUsers(ctx context.Context, db DBTX, search string) ([]User, error) {
	q := `SELECT ` + userColumns + ` FROM users
		WHERE $1 = '' OR username ILIKE '%' || $1 || '%' OR email ILIKE '%' || $1 || '%'
		ORDER BY lower(username)`
	rows, _ := db.Query(ctx, q, escapeLike(search))
	users, err := pgx.CollectRows(rows, pgx.RowToStructByName[User])
	if err != nil {
		return nil, fmt.Errorf("storage: list users: %w", mapErr(err))
	}
	return users, nil
}

// UpdateUser changes a user's role and disabled flag.
func UpdateUser(ctx context.Context, db DBTX, id int64, role string, disabled bool) error {
	return execOne(ctx, db, `UPDATE users SET role = $2, disabled = $3 WHERE id = $1`, id, role, disabled)
}

// SetPassword replaces a user's password hash.
func SetPassword(ctx context.Context, db DBTX, id int64, hash string) error {
	return execOne(ctx, db, `UPDATE users SET password_hash = $2 WHERE id = $1`, id, hash)
}

// execOne runs a statement that must touch exactly one row.
func execOne(ctx context.Context, db DBTX, q string, args ...any) error {
	tag, err := db.Exec(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("storage: %w", mapErr(err))
	}
	if tag.RowsAffected() != 1 {
		return ErrNotFound
	}
	return nil
}

// escapeLike makes a search string match literally inside ILIKE '%…%'.
func escapeLike(s string) string {
	return likeEscaper.Replace(s)
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
