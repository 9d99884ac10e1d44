package dashboards

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/dashboards/api"
	"github.com/prophasis/prophasis/internal/storage"
	"github.com/prophasis/prophasis/sched"
)

// Deps is what the web app needs from the process that runs it.
type Deps struct {
	// DB is the migrated Prophasis database.
	DB *pgxpool.Pool
	// Logger receives request errors and panics.
	Logger *slog.Logger
	// Secret is the server secret (config.SecretSize bytes) that agent keys
	// and notifier secrets are encrypted with.
	Secret []byte
	// SecureCookies marks the session cookie Secure and sends HSTS; set it
	// when users reach the app over HTTPS (directly or via a proxy).
	SecureCookies bool
	// Prober backs "test connection" on the hosts page; nil means real
	// agents, through agent/client.FetchFingerprint.
	Prober HostProber
	// Results takes results pushed through the REST API (*core.Core); nil
	// answers pushes with 503.
	Results sched.Sink
}

// Server is the web app: one gin engine holding every route, and the HTTP
// server lifecycle around it.
type Server struct {
	deps   Deps
	log    *slog.Logger
	engine *gin.Engine
	web    *Web
	api    *api.API // the REST API under /api/v1
	// handler is the engine behind the web app's protections (sessions,
	// cross-origin refusal, security headers).
	handler http.Handler
}

// shutdownTimeout bounds how long in-flight requests may finish on stop.
const shutdownTimeout = 10 * time.Second

// New builds the engine and its routes. gin runs in release mode, trusts no
// proxy headers (ClientIP is the peer address) and turns panics into 500s
// logged through Deps.Logger.
func New(deps Deps) (*Server, error) {
	if deps.DB == nil || deps.Logger == nil {
		return nil, errors.New("dashboards: Deps needs DB and Logger")
	}
	gin.SetMode(gin.ReleaseMode)
	s := &Server{deps: deps, log: deps.Logger.With("component", "web"), engine: gin.New()}
	if err := s.engine.SetTrustedProxies(nil); err != nil {
		return nil, fmt.Errorf("dashboards: trusted proxies: %w", err)
	}
	s.engine.Use(gin.CustomRecoveryWithWriter(io.Discard, s.recovered))
	prober := deps.Prober
	if prober == nil {
		prober = agentProber{}
	}
	web, err := NewWeb(WebConfig{DB: deps.DB, Logger: deps.Logger, Secret: deps.Secret,
		SecureCookies: deps.SecureCookies, Prober: prober})
	if err != nil {
		return nil, err
	}
	s.web = web
	if s.api, err = api.New(api.Deps{DB: deps.DB, Logger: deps.Logger, Secret: deps.Secret, Results: deps.Results,
		Session: s.apiSession}); err != nil {
		return nil, err
	}
	s.routes()
	s.handler = web.Wrap(s.engine)
	return s, nil
}

// routes is the route table of the web app.
func (s *Server) routes() {
	s.engine.GET("/healthz", s.healthz)
	s.web.Mount(s.engine)
	s.api.Mount(s.engine)
}

// Handler returns the app as an http.Handler, e.g. for httptest.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the web app's background work (the expired-session sweeper).
// Serve calls it on return; call it yourself when only using Handler.
func (s *Server) Close() { s.web.Close() }

// Serve answers HTTP on ln until ctx ends, then stops accepting and lets
// in-flight requests finish (up to shutdownTimeout). It returns nil after a
// clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	defer s.Close()
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("dashboards: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("dashboards: shutdown: %w", err)
	}
	return nil
}

// apiSession lets the web app's own pages call the REST API with their
// session cookie: enabled admins may write, other users read.
func (s *Server) apiSession(r *http.Request) (userID int64, admin, ok bool) {
	id := s.web.sessions.GetInt64(r.Context(), sessionUserID)
	if id == 0 {
		return 0, false, false
	}
	u, err := storage.UserByID(r.Context(), s.deps.DB, id)
	if err != nil || u.Disabled {
		return 0, false, false
	}
	return u.ID, u.Role == storage.RoleAdmin, true
}

func (s *Server) recovered(c *gin.Context, err any) {
	s.log.Error("panic serving request", "path", c.Request.URL.Path, "panic", err)
	c.AbortWithStatus(http.StatusInternalServerError)
}
