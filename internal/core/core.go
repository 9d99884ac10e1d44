// Package core assembles the monitoring pipeline of one process:
//
//	scheduler → dispatcher (one check per host at a time) → agent or
//	server-side check → classification (Lua, history from the database) →
//	ingest (batched COPY, current state, state changes, health) → alert
//	engine → notifiers
//
// Run starts every part and, when its context ends, stops them in order:
// the scheduler stops firing, in-flight checks drain (with a deadline),
// ingest writes everything accepted, and a last alert tick sends what those
// results caused. Passive results enter through Submit, the same path.
package core

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/sched"
)

// Config wires a Core. DB, Secret and Logger are required; zero fields of
// the component configs take their packages' defaults.
type Config struct {
	DB *pgxpool.Pool
	// Secret is the server secret: it opens agent keys and notifier secrets.
	Secret []byte
	// BaseURL is the web app's address, for links in notifications.
	BaseURL string
	Logger  *slog.Logger

	Sched    sched.Config
	Dispatch sched.DispatchConfig
	Ingest   ingest.Config
	Classify classify.Config
	// AlertTick is how often due notifications are sent (500 ms);
	// GroupWait is how long a notification waits to be grouped with others
	// (1 s; negative: no grouping).
	AlertTick, GroupWait time.Duration
	// DrainTimeout bounds waiting for in-flight checks at shutdown (30 s).
	DrainTimeout time.Duration
	// RetentionEvery is the pause between retention passes (1 h).
	RetentionEvery time.Duration
	// SelfCheckEvery is the pause between self-checks (10 min): doctor's
	// database checks, changes written to the system log (selfcheck.go).
	SelfCheckEvery time.Duration
	// LookupTTL is how long host, check and classifier lookups are cached
	// for classification (10 s).
	LookupTTL time.Duration
	// HTTPClient sends webhooks and chat notifications; nil: a client with
	// a 30 s timeout.
	HTTPClient *http.Client
	// MemoryLimit is the Go runtime's soft memory limit for this process
	// in bytes (debug.SetMemoryLimit), set while Run runs: the garbage
	// collector works harder as the heap nears it instead of letting the
	// heap double. Zero: 90 % of the container's memory limit when the
	// process runs under one, else none; negative: none. A GOMEMLIMIT
	// environment variable wins over both (memory.go).
	MemoryLimit int64
	// Scale is this process's roles and whether it shares the database
	// with other server processes (roles.go); zero: one process, all roles.
	Scale Scale
}

func (c Config) withDefaults() (Config, error) {
	if c.DB == nil || c.Logger == nil || len(c.Secret) == 0 {
		return c, errors.New("core: config needs a database, the server secret and a logger")
	}
	if c.DrainTimeout <= 0 {
		c.DrainTimeout = 30 * time.Second
	}
	if c.RetentionEvery <= 0 {
		c.RetentionEvery = time.Hour
	}
	if c.SelfCheckEvery <= 0 {
		c.SelfCheckEvery = 10 * time.Minute
	}
	if c.LookupTTL <= 0 {
		c.LookupTTL = 10 * time.Second
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	return c, nil
}
