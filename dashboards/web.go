package dashboards

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/dashboards/static"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

// HostProber fetches the TLS certificate fingerprint of the agent at
// address:port, so an admin can confirm it before the core pins it.
type HostProber interface {
	Probe(ctx context.Context, address string, port int) (fingerprint string, err error)
}

// WebConfig is what the pages, sign-in and configuration forms need.
// DB, Logger and Secret are required; zero values of the others get
// documented defaults.
type WebConfig struct {
	DB     *pgxpool.Pool
	Logger *slog.Logger
	// Secret is the server secret; agent keys are stored encrypted with it.
	Secret []byte
	// SecureCookies marks the session cookie Secure (and sends HSTS). Set it
	// whenever users reach the app over HTTPS, directly or through a proxy.
	SecureCookies bool
	// Prober backs the hosts page's "test connection"; nil disables it.
	Prober HostProber
	// Now is the clock (default time.Now); tests inject one for rate limits.
	Now func() time.Time
	// Hasher defaults to argon2id DefaultParams, one hash per CPU at a time.
	Hasher *auth.Hasher
	// Limiter defaults to auth.DefaultLoginLimiter.
	Limiter *auth.LoginLimiter
	// SessionLifetime defaults to 12 hours.
	SessionLifetime time.Duration
}

// Web is the browser-facing part of the app: pages, forms and sign-in.
// Mount adds its routes to a gin engine; Wrap adds the protections that sit
// in front of every route (sessions, cross-origin refusal, headers).
type Web struct {
	cfg      WebConfig
	log      *slog.Logger
	pages    *view.Engine
	assets   *static.Assets
	sessions *scs.SessionManager
	keys     *secretbox.Box
	// notifierBox seals notifier secrets the way alert/channels opens them.
	notifierBox *secretbox.Box
	stop        context.CancelFunc
	stopped     chan struct{}
}

// NewWeb parses templates and hashes assets (failing fast on a broken
// build) and sets up PostgreSQL-backed sessions. Call Close when done.
func NewWeb(cfg WebConfig) (*Web, error) {
	if cfg.DB == nil || cfg.Logger == nil {
		return nil, errors.New("dashboards: WebConfig needs DB and Logger")
	}
	keys, err := secretbox.New(cfg.Secret, "agent-key")
	if err != nil {
		return nil, fmt.Errorf("dashboards: %w", err)
	}
	assets, err := static.New()
	if err != nil {
		return nil, err
	}
	pages, err := view.New(assets)
	if err != nil {
		return nil, err
	}
	notifierBox, err := secretbox.New(cfg.Secret, channels.SecretPurpose)
	if err != nil {
		return nil, fmt.Errorf("dashboards: %w", err)
	}
	applyDefaults(&cfg)
	w := &Web{cfg: cfg, log: cfg.Logger.With("component", "web"), pages: pages, assets: assets, keys: keys, notifierBox: notifierBox}
	w.sessions = scs.New()
	// pgxstore's own cleanup goroutine races with its StopCleanup, so it is
	// off (interval 0) and sweepSessions does the same job.
	w.sessions.Store = pgxstore.NewWithCleanupInterval(cfg.DB, 0)
	w.sessions.Lifetime = cfg.SessionLifetime
	w.sessions.IdleTimeout = 2 * time.Hour
	w.sessions.Cookie.Name = "prophasis_session"
	w.sessions.Cookie.HttpOnly = true
	w.sessions.Cookie.SameSite = http.SameSiteLaxMode
	w.sessions.Cookie.Secure = cfg.SecureCookies
	w.sessions.ErrorFunc = w.sessionError
	ctx, stop := context.WithCancel(context.Background())
	w.stop, w.stopped = stop, make(chan struct{})
	go w.sweepSessions(ctx, 10*time.Minute)
	return w, nil
}

func applyDefaults(cfg *WebConfig) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Hasher == nil {
		cfg.Hasher = auth.NewHasher(auth.DefaultParams(), runtime.NumCPU())
	}
	if cfg.Limiter == nil {
		cfg.Limiter = auth.DefaultLoginLimiter()
	}
	if cfg.SessionLifetime == 0 {
		cfg.SessionLifetime = 12 * time.Hour
	}
}

// Close stops the expired-session sweeper and waits for it.
func (w *Web) Close() {
	w.stop()
	<-w.stopped
}

// sweepSessions deletes expired sessions every interval until ctx ends.
func (w *Web) sweepSessions(ctx context.Context, interval time.Duration) {
	defer close(w.stopped)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			if _, err := storage.DeleteExpiredSessions(sctx, w.cfg.DB, w.cfg.Now()); err != nil && ctx.Err() == nil {
				w.log.Warn("delete expired sessions", "err", err)
			}
			cancel()
		}
	}
}

func (w *Web) sessionError(rw http.ResponseWriter, r *http.Request, err error) {
	w.log.Error("session store", "err", err, "path", r.URL.Path)
	http.Error(rw, "session storage unavailable", http.StatusServiceUnavailable)
}
