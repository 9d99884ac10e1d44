package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/bootstrap"
	"github.com/prophasis/prophasis/internal/config"
	"github.com/prophasis/prophasis/internal/localagent"
	"github.com/prophasis/prophasis/internal/secretbox"
)

// localAgentPeriod is how often `up` checks this machine out of the box.
const localAgentPeriod = time.Minute

// startLocalAgent runs the agent built into `up` on loopback and, the first
// time on this database, registers this machine as a host checked every
// minute. The returned stop ends the agent; call it after the pipeline has
// drained, so no check in flight loses its agent.
func startLocalAgent(ctx context.Context, logger *slog.Logger, cfg config.Server, pool *pgxpool.Pool) (func(), error) {
	// The host's check names the stock plugins, so they must exist first;
	// the pipeline installs them again at start, which is idempotent.
	if err := bootstrap.Install(ctx, pool, logger); err != nil {
		return nil, err
	}
	logger = logger.With("component", "local-agent")
	agent, err := localagent.Start(filepath.Join(cfg.DataDir, "local-agent"), logger)
	if err != nil {
		return nil, err
	}
	box, err := secretbox.New(cfg.Secret, "agent-key")
	if err != nil {
		return nil, fmt.Errorf("local agent: %w", err)
	}
	name, err := os.Hostname()
	if err != nil || name == "" {
		name = "localhost"
	}
	created, err := agent.Register(ctx, pool, localagent.Registration{Name: name, Period: localAgentPeriod, SealKey: box.Seal})
	if err != nil {
		return nil, err
	}
	if created {
		logger.Info("this machine is now a monitored host (CPU, memory, disk, heartbeat every minute); "+
			"delete it in the web app to stop, or start with --no-local-agent", "host", name)
	}
	agentCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := agent.Serve(agentCtx); err != nil {
			logger.Error("local agent stopped", "err", err)
		}
	}()
	logger.Info("local agent listening", "port", agent.Port())
	return func() { cancel(); <-done }, nil
}
