package heartbeat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

// Config is what a Checker needs; DB, Sink and Logger are required.
type Config struct {
	DB     storage.DBTX
	Sink   sched.Sink
	Logger *slog.Logger
	// Every is how often overdue heartbeats are looked for (10 s): a miss
	// is reported at most this late.
	Every time.Duration
	// Now is the clock (time.Now).
	Now func() time.Time
}

// Checker reports missed heartbeats as critical results.
type Checker struct {
	cfg Config
	log *slog.Logger
}

// NewChecker returns a Checker; call Run.
func NewChecker(cfg Config) (*Checker, error) {
	if cfg.DB == nil || cfg.Sink == nil || cfg.Logger == nil {
		return nil, errors.New("heartbeat: Config needs DB, Sink and Logger")
	}
	if cfg.Every <= 0 {
		cfg.Every = 10 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Checker{cfg: cfg, log: cfg.Logger.With("component", "heartbeat")}, nil
}

// Run checks every cfg.Every until ctx ends; shutdown is not an error.
func (c *Checker) Run(ctx context.Context) error {
	tick := time.NewTicker(c.cfg.Every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			if _, err := c.Check(ctx); err != nil && ctx.Err() == nil {
				c.log.Warn("check heartbeats", "err", err)
			}
		}
	}
}

// Check claims the heartbeats overdue now and submits a missed result for
// each; it returns how many it submitted.
func (c *Checker) Check(ctx context.Context) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	now := c.cfg.Now().UTC()
	missed, err := storage.ClaimMissedHeartbeats(ctx, c.cfg.DB, now)
	if err != nil {
		return 0, fmt.Errorf("heartbeat: %w", err)
	}
	for i, hb := range missed {
		if err := c.cfg.Sink.Submit(ctx, Missed(hb, now)); err != nil {
			return i, errors.Join(fmt.Errorf("heartbeat: submit missed %q: %w", hb.Name, err), c.release(ctx, missed[i:], now))
		}
	}
	return len(missed), nil
}

// release gives back claims whose results were not taken, so the next
// check reports them instead of the miss being lost.
func (c *Checker) release(ctx context.Context, hbs []storage.Heartbeat, at time.Time) error {
	var errs []error
	for _, hb := range hbs {
		errs = append(errs, storage.ReleaseMissedHeartbeat(ctx, c.cfg.DB, hb.ID, at))
	}
	return errors.Join(errs...)
}
