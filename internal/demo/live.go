package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/identity"
	"github.com/prophasis/prophasis/agent/mock"
)

// DataFileName is the mock agent's data file inside LiveConfig.Dir.
const DataFileName = "mock.json"

// LiveConfig says how the demo hosts are kept alive.
type LiveConfig struct {
	// Dir holds the mock agent's data file (the data directory's demo/).
	Dir string
	// Period is how often the demo check runs and the simulated values
	// move on (one minute under prophasis up).
	Period time.Duration
	// SealKey encrypts the mock's access key for the hosts table (the
	// server secret's "agent-key" box).
	SealKey func([]byte) []byte
	Logger  *slog.Logger
}

// Live is the running mock agent answering for the demo hosts.
type Live struct {
	mock   *mock.Server
	cancel context.CancelFunc
	done   chan struct{}
}

// StartLive starts one in-process mock agent answering for every demo host
// still in the database, points those hosts at it (address, port, a fresh
// sealed access key, the pinned fingerprint: done at every start, so a
// restart needs nothing persisted but the data file), stores the demo
// plugins' real archives, creates the "Demo hosts" schedule once, and
// rewrites the data file every Period so the values keep moving the way
// the generated history did. Load must have run first.
func StartLive(ctx context.Context, db *pgxpool.Pool, cfg LiveConfig) (*Live, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	key, err := identity.NewKey()
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	sim, err := newSimulator(ctx, db, key)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(cfg.Dir, DataFileName)
	srv, err := startMock(path, cfg.Logger)
	if err != nil {
		return nil, err
	}
	sim.bind(srv.Addrs())
	if err := sim.write(path, time.Now()); err != nil {
		srv.Close()
		return nil, err
	}
	err = pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		if err := installPlugins(ctx, tx); err != nil {
			return err
		}
		if err := pointHosts(ctx, tx, srv, cfg.SealKey([]byte(key))); err != nil {
			return err
		}
		return ensureSchedule(ctx, tx, cfg.Period, time.Now())
	})
	if err != nil {
		srv.Close()
		return nil, err
	}
	loopCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	l := &Live{mock: srv, cancel: cancel, done: make(chan struct{})}
	go l.rewrite(loopCtx, sim, path, cfg)
	return l, nil
}

// startMock listens on the estate's own loopback addresses, or on free
// ports of 127.0.0.1 where extra loopback addresses do not work (macOS).
func startMock(path string, logger *slog.Logger) (*mock.Server, error) {
	listen := make([]string, len(estate))
	for i, h := range estate {
		listen[i] = h.address + ":0"
	}
	srv, err := mock.Start(mock.Config{DataFile: path, Listen: listen, Logger: logger})
	if err == nil {
		return srv, nil
	}
	for i := range listen {
		listen[i] = "127.0.0.1:0"
	}
	srv, err2 := mock.Start(mock.Config{DataFile: path, Listen: listen, Logger: logger})
	if err2 != nil {
		return nil, fmt.Errorf("demo: start mock agent: %w", errors.Join(err, err2))
	}
	return srv, nil
}

// rewrite moves the simulated values on every period until Close.
func (l *Live) rewrite(ctx context.Context, sim *simulator, path string, cfg LiveConfig) {
	defer close(l.done)
	tick := time.NewTicker(cfg.Period)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			if err := sim.write(path, now); err != nil {
				cfg.Logger.Error("demo: rewrite mock data", "err", err)
			}
		}
	}
}

// Close stops the rewriting and the mock agent. Call it after the core has
// drained its checks.
func (l *Live) Close() error {
	l.cancel()
	<-l.done
	return l.mock.Close()
}
