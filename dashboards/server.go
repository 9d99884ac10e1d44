package dashboards

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/internal/buildinfo"
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
}

// Server is the web app: one gin engine holding every route, and the HTTP
// server lifecycle around it.
type Server struct {
	deps   Deps
	log    *slog.Logger
	engine *gin.Engine
	index  *template.Template
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
	index, err := template.New("index").Parse(indexPage)
	if err != nil {
		return nil, fmt.Errorf("dashboards: parse index page: %w", err)
	}
	s.index = index
	s.routes()
	return s, nil
}

// routes is the route table of the web app.
func (s *Server) routes() {
	s.engine.GET("/healthz", s.healthz)
	s.engine.GET("/", s.home)
}

// Handler returns the app as an http.Handler, e.g. for httptest.
func (s *Server) Handler() http.Handler { return s.engine }

// Serve answers HTTP on ln until ctx ends, then stops accepting and lets
// in-flight requests finish (up to shutdownTimeout). It returns nil after a
// clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.engine,
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

func (s *Server) recovered(c *gin.Context, err any) {
	s.log.Error("panic serving request", "path", c.Request.URL.Path, "panic", err)
	c.AbortWithStatus(http.StatusInternalServerError)
}

// home is the placeholder start page until the web pages mount their own "/".
func (s *Server) home(c *gin.Context) {
	c.Header("Content-Type", "text/html; charset=utf-8")
	if err := s.index.Execute(c.Writer, buildinfo.Version()); err != nil {
		s.log.Error("render index", "err", err)
	}
}

const indexPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Prophasis</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Prophasis is running</h1>
<p>Version {{.}}. Health: <a href="/healthz">/healthz</a>.</p></body></html>
`
