package pgserver

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// waitReady polls until the server accepts a connection, fails early when the
// postmaster exits, and gives up when ctx ends.
func (s *Server) waitReady(ctx context.Context) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		conn, err := pgconn.Connect(cctx, s.DSN("postgres"))
		cancel()
		if err == nil {
			return conn.Close(ctx)
		}
		select {
		case <-s.exited:
			return fmt.Errorf("pgserver: postgres exited during start (%v); end of %s:\n%s",
				s.waitErr, s.logPath(), s.logTail())
		case <-ctx.Done():
			return fmt.Errorf("pgserver: waiting for postgres to accept connections: %w; end of %s:\n%s",
				ctx.Err(), s.logPath(), s.logTail())
		case <-tick.C:
		}
	}
}

func (s *Server) logPath() string { return filepath.Join(s.dir, "server.log") }

// logTail returns the last lines of the server log, which is where
// PostgreSQL explains why it refused to start.
func (s *Server) logTail() string {
	data, err := os.ReadFile(s.logPath())
	if err != nil {
		return err.Error()
	}
	if len(data) > 2048 {
		data = data[len(data)-2048:]
	}
	return string(bytes.TrimSpace(data))
}

// freePort asks the kernel for an unused loopback port. Another process may
// take it before postgres binds it; Start retries on a new port then.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgserver: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// DSN returns a connection URL for database db as the superuser over
// loopback TCP. It holds no password, so it is safe to log.
func (s *Server) DSN(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// Port returns the TCP port the server listens on.
func (s *Server) Port() int { return s.port }

// Timescale reports whether the server preloads TimescaleDB.
func (s *Server) Timescale() bool { return s.timescale }
