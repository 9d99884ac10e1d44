package demo

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/agent/mock"
	"github.com/prophasis/prophasis/internal/storage"
)

// ScheduleName names the schedule running the demo checks.
const ScheduleName = "Demo hosts"

// pointHosts points each demo host still in the database at its mock
// address, with the mock's sealed access key and pinned certificate.
func pointHosts(ctx context.Context, tx pgx.Tx, srv *mock.Server, sealedKey []byte) error {
	for i, h := range estate {
		ip, port, err := net.SplitHostPort(srv.Addrs()[i])
		if err != nil {
			return fmt.Errorf("demo: mock address: %w", err)
		}
		p, err := strconv.Atoi(port)
		if err != nil {
			return fmt.Errorf("demo: mock address: %w", err)
		}
		_, err = tx.Exec(ctx, `UPDATE hosts SET address = $2, agent_port = $3, agent_key_encrypted = $4,
			tls_fingerprint = decode($5, 'hex'), updated_at = now() WHERE name = $1`,
			h.name, ip, p, sealedKey, srv.Fingerprint())
		if err != nil {
			return fmt.Errorf("demo: point %s at the mock agent: %w", h.name, err)
		}
	}
	return nil
}

// firstRunDelay is how soon after the first start the demo checks run.
const firstRunDelay = 2 * time.Second

// ensureSchedule creates the schedule running the demo checks every period
// unless one with its name exists (an admin's edits are kept). Its first
// run comes within seconds of now rather than a whole period later.
func ensureSchedule(ctx context.Context, tx pgx.Tx, period time.Duration, now time.Time) error {
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schedules WHERE name = $1)`, ScheduleName).Scan(&exists); err != nil {
		return fmt.Errorf("demo: look for the demo schedule: %w", err)
	}
	if exists {
		return nil
	}
	names := make([]string, len(plugins))
	for i, p := range plugins {
		names[i] = checkName(p)
	}
	rows, err := tx.Query(ctx, `SELECT id FROM checks WHERE name = ANY($1) ORDER BY id`, names)
	if err != nil {
		return fmt.Errorf("demo: demo checks: %w", err)
	}
	checks, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("demo: demo checks: %w", err)
	}
	start := now.UTC().Truncate(time.Second).Add(firstRunDelay - period)
	_, err = storage.SaveScheduleConfig(ctx, tx,
		storage.ScheduleConfig{Name: ScheduleName, Description: "Runs the demo checks against the demo's mock agent.", Enabled: true},
		[]storage.IntervalConfig{{StartAt: start, Period: period}}, checks)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}
