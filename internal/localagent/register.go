package localagent

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// markerFile records that the machine was registered in a database, so a
// host, check or schedule the admin deleted is never created again.
const markerFile = "registered"

// Plugins returns the stock plugins the local host is checked with, with
// their arguments.
func Plugins() map[string]map[string]string {
	return map[string]map[string]string{
		"com.prophasis.cpu_load":  {},
		"com.prophasis.memory":    {},
		"com.prophasis.disk":      {"mount": "/"},
		"com.prophasis.heartbeat": {},
	}
}

// Registration says how the machine becomes a host.
type Registration struct {
	// Name is the host's name (the machine's hostname).
	Name string
	// Period is how often the check runs (one minute out of the box).
	Period time.Duration
	// SealKey encrypts the access key for the hosts table (the server
	// secret's "agent-key" box).
	SealKey func([]byte) []byte
}

// Register creates the host, a check with the stock plugins and a schedule
// the first time it runs on a database, and reports whether it did. Later
// it only moves the host to the agent's current port, if the host still
// exists; what the admin deleted stays deleted.
func (a *Agent) Register(ctx context.Context, db *pgxpool.Pool, r Registration) (bool, error) {
	stamp, err := databaseStamp(ctx, db)
	if err != nil {
		return false, err
	}
	marker := filepath.Join(a.dir, markerFile)
	raw, err := os.ReadFile(marker)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("localagent: %w", err)
	}
	if stampOf(raw) == stamp {
		return false, a.movePort(ctx, db, hostOf(raw))
	}
	var hostID int64
	err = pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		hostID, err = a.create(ctx, tx, r)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("localagent: register %s: %w", r.Name, err)
	}
	return true, writeFile(marker, []byte(stamp+"\n"+strconv.FormatInt(hostID, 10)+"\n"))
}

// databaseStamp names this database: a recreated one (new migration time)
// or another one gets the local host again.
func databaseStamp(ctx context.Context, db *pgxpool.Pool) (string, error) {
	var stamp string
	err := db.QueryRow(ctx, `SELECT current_database() || '@' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
		FROM prophasis_meta`).Scan(&stamp)
	if err != nil {
		return "", fmt.Errorf("localagent: identify database: %w", err)
	}
	return stamp, nil
}

func stampOf(marker []byte) string {
	line, _, _ := strings.Cut(string(marker), "\n")
	return line
}

func hostOf(marker []byte) int64 {
	_, rest, _ := strings.Cut(string(marker), "\n")
	id, _ := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
	return id
}

// movePort points the registered host at the agent's port when it moved;
// a host the admin deleted or re-pointed elsewhere is left alone.
func (a *Agent) movePort(ctx context.Context, db *pgxpool.Pool, hostID int64) error {
	_, err := db.Exec(ctx, `UPDATE hosts SET agent_port = $2, updated_at = now()
		WHERE id = $1 AND address = '127.0.0.1' AND tls_fingerprint = decode($3, 'hex') AND agent_port <> $2`,
		hostID, a.Port(), a.id.Fingerprint)
	if err != nil {
		return fmt.Errorf("localagent: update port: %w", err)
	}
	return nil
}
