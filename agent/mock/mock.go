// Package mock is a fake agent for tests and demos: it speaks protocol v1
// over real HTTPS on as many addresses as asked (127.0.0.2, 127.0.0.3, ...
// each look like a separate host), accepts plugin installs, and answers runs
// with values read from a JSON file keyed by listen address and plugin id.
// Other packages' end-to-end tests start it in-process with Start.
package mock

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/identity"
)

// Config says where the data is and where to listen.
type Config struct {
	// DataFile is the JSON file described by Data.
	DataFile string
	// Listen holds "ip:port" addresses; port 0 picks a free port.
	Listen []string
	Logger *slog.Logger
}

// Server is a running mock agent.
type Server struct {
	data   *loader
	logger *slog.Logger
	fp     string
	srv    *http.Server
	addrs  []string
	wg     sync.WaitGroup

	mu        sync.Mutex
	installed map[string]map[string]api.Plugin // local address -> plugin id -> plugin
}

// Start generates a certificate and serves every address in cfg.Listen.
func Start(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	cert, err := identity.NewCert([]string{"localhost"}, time.Now())
	if err != nil {
		return nil, err
	}
	pair, err := cert.TLSCertificate()
	if err != nil {
		return nil, err
	}
	s := &Server{data: &loader{path: cfg.DataFile}, logger: cfg.Logger, fp: cert.Fingerprint, installed: map[string]map[string]api.Plugin{}}
	s.srv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12},
		ErrorLog:  slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelDebug)}
	for _, addr := range cfg.Listen {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("mock: listen %s: %w", addr, err)
		}
		s.addrs = append(s.addrs, ln.Addr().String())
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			if err := s.srv.ServeTLS(ln, "", ""); !errors.Is(err, http.ErrServerClosed) {
				s.logger.Error("mock listener stopped", "addr", ln.Addr(), "err", err)
			}
		}()
	}
	return s, nil
}

// Addrs returns the actual listen addresses, in the order of Config.Listen.
func (s *Server) Addrs() []string { return s.addrs }

// Fingerprint is the certificate fingerprint shared by all addresses.
func (s *Server) Fingerprint() string { return s.fp }

// Close stops all listeners, interrupting hung calls.
func (s *Server) Close() error {
	err := s.srv.Close()
	s.wg.Wait()
	return err
}

// Shutdown stops accepting and waits for calls in flight until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	s.wg.Wait()
	return err
}
