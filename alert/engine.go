package alert

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v5"
)

// Defaults for Config fields left zero.
const (
	DefaultGroupWait   = time.Second
	DefaultTickEvery   = 500 * time.Millisecond
	DefaultSendTimeout = 30 * time.Second
	DefaultMaxTries    = 5
	DefaultSetupTTL    = 5 * time.Second
)

// Config wires an Engine. Store, Templates and Logger are required.
type Config struct {
	Store     Store
	Templates *Templates
	Logger    *slog.Logger
	// Now is the clock; tests drive it, production passes time.Now.
	Now func() time.Time
	// GroupWait is how long a notification waits for others of the same
	// rule and kind so a burst becomes one message; negative sends at the
	// next tick.
	GroupWait time.Duration
	// SetupTTL is how long the configuration read from the store (rules,
	// channels, windows, acknowledgements) is reused before it is read
	// again; negative reads it for every Handle and Tick.
	SetupTTL time.Duration
	// TickEvery is how often Run calls Tick.
	TickEvery time.Duration
	// SendTimeout bounds one attempt of one channel.
	SendTimeout time.Duration
	// Backoff makes the pause policy between attempts of a failing channel;
	// nil is exponential from 1 s, capped at 30 s. MaxTries bounds attempts.
	Backoff  func() backoff.BackOff
	MaxTries uint
}

// Engine turns health transitions into notifications. Handle records
// transitions; Tick sends what is due. State lives in the Store and is
// cached here, so one engine should run per database.
type Engine struct {
	cfg    Config
	log    *slog.Logger
	mu     sync.Mutex // guards states and dirty
	states map[Key]*Status
	dirty  map[Key]bool // states whose last save failed
	tickMu sync.Mutex   // one Tick at a time

	setupMu sync.Mutex // guards setup and setupAt
	setup   Setup
	setupAt time.Time
}

// New checks cfg and fills in defaults.
func New(cfg Config) (*Engine, error) {
	if cfg.Store == nil || cfg.Templates == nil || cfg.Logger == nil {
		return nil, errors.New("alert: engine needs a store, templates and a logger")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	switch {
	case cfg.GroupWait == 0:
		cfg.GroupWait = DefaultGroupWait
	case cfg.GroupWait < 0: // no grouping
		cfg.GroupWait = 0
	}
	if cfg.SetupTTL == 0 {
		cfg.SetupTTL = DefaultSetupTTL
	}
	if cfg.TickEvery <= 0 {
		cfg.TickEvery = DefaultTickEvery
	}
	if cfg.SendTimeout <= 0 {
		cfg.SendTimeout = DefaultSendTimeout
	}
	if cfg.Backoff == nil {
		cfg.Backoff = func() backoff.BackOff {
			b := backoff.NewExponentialBackOff()
			b.InitialInterval, b.MaxInterval = time.Second, 30*time.Second
			return b
		}
	}
	if cfg.MaxTries == 0 {
		cfg.MaxTries = DefaultMaxTries
	}
	return &Engine{cfg: cfg, log: cfg.Logger.With("component", "alert"), dirty: map[Key]bool{}}, nil
}

// Run calls Tick until ctx ends; a failed tick is logged and retried on
// the next one.
func (e *Engine) Run(ctx context.Context) error {
	t := time.NewTicker(e.cfg.TickEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if err := e.Tick(ctx); err != nil && !errors.Is(err, context.Canceled) {
				e.log.Error("alert tick failed", "err", err)
			}
		}
	}
}

// load fills the state cache from the store once; callers hold e.mu.
func (e *Engine) load(ctx context.Context) error {
	if e.states != nil {
		return nil
	}
	rows, err := e.cfg.Store.States(ctx)
	if err != nil {
		return fmt.Errorf("alert: load states: %w", err)
	}
	e.states = make(map[Key]*Status, len(rows))
	for i := range rows {
		e.states[rows[i].Key] = &rows[i]
	}
	return nil
}

// loadSetup returns the configuration, read again once SetupTTL has passed
// on the engine's clock.
func (e *Engine) loadSetup(ctx context.Context) (Setup, error) {
	e.setupMu.Lock()
	defer e.setupMu.Unlock()
	now := e.cfg.Now()
	if e.cfg.SetupTTL > 0 && !e.setupAt.IsZero() && now.Sub(e.setupAt) < e.cfg.SetupTTL {
		return e.setup, nil
	}
	s, err := e.cfg.Store.Setup(ctx)
	if err != nil {
		return Setup{}, fmt.Errorf("alert: load setup: %w", err)
	}
	e.setup, e.setupAt = s, now
	return s, nil
}
