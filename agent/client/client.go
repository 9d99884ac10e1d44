// Package client is the core's side of agent protocol v1: a keep-alive
// HTTPS client that pins each agent's certificate fingerprint, keeps the
// plugins on agents in sync with the core, and maps every failure to a
// result status the scheduler can store.
//
// One Client serves all hosts: it owns one *http.Transport whose TLS dialer
// checks the fingerprint pinned for the address being dialled, so
// connections are pooled per host and never shared across hosts.
package client

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prophasis/prophasis/agent/bundle"
)

// DefaultPort is used when a host address has no port.
const DefaultPort = 4048

// HostConn is what the core knows about one agent.
type HostConn struct {
	// Addr is "host", "host:port" or "[v6]:port".
	Addr string
	// Key is the access key printed by prophasis-agent init.
	Key string
	// Fingerprint is the pinned hex SHA-256 of the agent's certificate.
	Fingerprint string
}

func (h HostConn) address() string {
	if _, _, err := net.SplitHostPort(h.Addr); err == nil {
		return h.Addr
	}
	return net.JoinHostPort(h.Addr, strconv.Itoa(DefaultPort))
}

// ArchiveSource is the plugin version the core wants on a host. Archive is
// only called when the agent needs it, so it may read from the database.
type ArchiveSource interface {
	SHA256() string
	Archive(ctx context.Context) ([]byte, error)
}

// Bytes is an ArchiveSource for an archive held in memory.
func Bytes(data []byte) ArchiveSource { return memArchive{data: data, sha: bundle.Digest(data)} }

type memArchive struct {
	data []byte
	sha  string
}

func (m memArchive) SHA256() string                          { return m.sha }
func (m memArchive) Archive(context.Context) ([]byte, error) { return m.data, nil }

// Options tunes a Client; zero fields take the documented defaults.
type Options struct {
	// CallTimeout bounds ping and list calls (default 10s).
	CallTimeout time.Duration
	// InstallTimeout bounds an archive upload (default 60s).
	InstallTimeout time.Duration
	// RunTimeout is the plugin timeout when the caller's context has no
	// deadline (default 60s).
	RunTimeout time.Duration
	// MaxIdleConnsPerHost keeps this many idle connections per agent
	// (default 2: the scheduler runs one check per host at a time).
	MaxIdleConnsPerHost int
	// MaxIdleConns bounds the idle connections kept across all agents
	// (default 2,048); beyond it the least recently used one is closed.
	MaxIdleConns int
	// IdleConnTimeout closes a connection left unused this long
	// (default 15s); see transport.go for why it is short.
	IdleConnTimeout time.Duration
	Logger          *slog.Logger
}

// Client is safe for concurrent use by many goroutines and hosts.
type Client struct {
	opts      Options
	transport *http.Transport
	http      *http.Client
	logger    *slog.Logger

	mu     sync.Mutex
	pins   map[string]string  // dial address -> fingerprint
	synced map[syncKey]string // sha256 known installed
	strs   map[string]string  // interned strings of synced
}

// New creates a Client with its own connection pool.
func New(opts Options) *Client {
	opts.CallTimeout = orDefault(opts.CallTimeout, 10*time.Second)
	opts.InstallTimeout = orDefault(opts.InstallTimeout, time.Minute)
	opts.RunTimeout = orDefault(opts.RunTimeout, time.Minute)
	opts.IdleConnTimeout = orDefault(opts.IdleConnTimeout, defaultIdleConnTimeout)
	if opts.MaxIdleConnsPerHost <= 0 {
		opts.MaxIdleConnsPerHost = 2
	}
	if opts.MaxIdleConns <= 0 {
		opts.MaxIdleConns = defaultMaxIdleConns
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	c := &Client{opts: opts, logger: opts.Logger, pins: map[string]string{}, synced: map[syncKey]string{}, strs: map[string]string{}}
	c.transport = newTransport(opts, c.dialTLS)
	c.http = &http.Client{Transport: c.transport}
	return c
}

// Close drops idle connections.
func (c *Client) Close() { c.transport.CloseIdleConnections() }

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// maxResponse bounds what the core reads from an agent: a compromised host
// must not be able to exhaust the core's memory.
const maxResponse = 1 << 20

func readBody(r io.Reader) ([]byte, error) { return io.ReadAll(io.LimitReader(r, maxResponse)) }
