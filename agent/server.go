package agent

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prophasis/prophasis/agent/store"
)

// Server answers protocol v1. Create it with New.
type Server struct {
	cfg     Config
	store   *store.Store
	logger  *slog.Logger
	limiter *failLimiter
	runs    chan struct{} // semaphore bounding concurrent plugin runs
	gate    *runGate
	started time.Time
}

// New builds a server from a validated config and an opened plugin store.
func New(cfg Config, st *store.Store, logger *slog.Logger) *Server {
	return &Server{
		cfg:     cfg,
		store:   st,
		logger:  logger,
		limiter: newFailLimiter(),
		runs:    make(chan struct{}, cfg.MaxConcurrentRuns),
		gate:    newRunGate(),
		started: time.Now(),
	}
}

// Handler is the route table of the agent API, authentication first.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/ping", s.ping)
	mux.HandleFunc("GET /v1/plugins", s.listPlugins)
	mux.HandleFunc("PUT /v1/plugins/{id}", s.installPlugin)
	mux.HandleFunc("POST /v1/plugins/{id}/run", s.runPlugin)
	return s.authenticate(mux)
}

// Serve answers HTTPS on ln with cert until ctx is cancelled, then stops
// accepting and lets running plugins finish for shutdown_grace. After that
// their connections are closed, which kills their process groups, and Serve
// returns once they are gone: a stopped agent leaves no plugin behind.
func (s *Server) Serve(ctx context.Context, ln net.Listener, cert tls.Certificate) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		WriteTimeout:      time.Duration(s.cfg.MaxTimeout) + time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelDebug),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ServeTLS(ln, "", "") }()
	select {
	case err := <-errc:
		return fmt.Errorf("agent: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), time.Duration(s.cfg.ShutdownGrace))
	defer cancel()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = srv.Close()
	}
	s.gate.closeAndWait()
	if err != nil {
		return fmt.Errorf("agent: shutdown: %w", err)
	}
	return nil
}
