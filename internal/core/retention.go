package core

import (
	"context"
	"fmt"
	"time"

	"github.com/prophasis/prophasis/internal/schema"
	"github.com/prophasis/prophasis/internal/storage"
)

// retentionTimeout bounds one pass of the retention job.
const retentionTimeout = 10 * time.Minute

// runRetention applies the retention settings once shortly after start and
// then every RetentionEvery until ctx ends. In plain mode this is what
// deletes old results and rollup buckets; in timescale mode the database's
// own policies do it and a pass deletes nothing.
func (c *Core) runRetention(ctx context.Context) {
	repeat(ctx, time.Minute, c.cfg.RetentionEvery, func(ctx context.Context) {
		if err := c.prune(ctx); err != nil && ctx.Err() == nil {
			c.logger.Error("retention pass failed", "err", err)
			c.syslog.Write(ctx, storage.LogEntry{Category: "db", Severity: storage.LogError,
				Message: "retention pass failed: " + err.Error()})
		}
	})
}

// repeat calls f first after start and then every pause after it returns,
// until ctx ends: the background jobs' loop.
func repeat(ctx context.Context, first, pause time.Duration, f func(context.Context)) {
	wait := first
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = pause
		f(ctx)
	}
}

// prune runs one retention pass.
func (c *Core) prune(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, retentionTimeout)
	defer cancel()
	p, err := schema.LoadRetention(ctx, c.cfg.DB)
	if err != nil {
		return err
	}
	d, err := schema.ApplyRetention(ctx, c.cfg.DB, time.Now().UTC(), p)
	if err != nil {
		return fmt.Errorf("apply retention: %w", err)
	}
	if d.Raw+d.Hourly+d.Daily > 0 {
		c.logger.Info("retention pass", "results", d.Raw, "hourly", d.Hourly, "daily", d.Daily)
	}
	return nil
}
