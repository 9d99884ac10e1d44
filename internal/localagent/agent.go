// Package localagent runs an agent inside `prophasis up` and registers the
// machine it runs on as a host with the stock plugins, so a newcomer sees
// real results within the first minute without installing anything else.
package localagent

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/prophasis/prophasis/agent"
	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/identity"
	"github.com/prophasis/prophasis/agent/store"
)

// portFile remembers the agent's port, so its host row stays valid.
const portFile = "port"

// Agent is an in-process agent listening on loopback. Create it with Start.
type Agent struct {
	dir    string
	id     Identity
	ln     net.Listener
	server *agent.Server
}

// Start opens (or creates) the agent in dir and listens on 127.0.0.1 at
// the port used last time, or a free one when that is taken or new.
func Start(dir string, logger *slog.Logger) (*Agent, error) {
	id, err := LoadIdentity(dir, time.Now())
	if err != nil {
		return nil, err
	}
	cfg := agent.Defaults()
	cfg.PluginDir = filepath.Join(dir, "plugins")
	cfg.AuthKeySHA256 = identity.HashKey(id.Key)
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("localagent: %w", err)
	}
	st, err := store.Open(cfg.PluginDir, archive.DefaultLimits, logger)
	if err != nil {
		return nil, fmt.Errorf("localagent: %w", err)
	}
	ln, err := listen(dir)
	if err != nil {
		return nil, err
	}
	return &Agent{dir: dir, id: id, ln: ln, server: agent.New(cfg, st, logger)}, nil
}

// listen reuses the remembered port when it is free, else takes any free
// port and remembers it.
func listen(dir string) (net.Listener, error) {
	path := filepath.Join(dir, portFile)
	if raw, err := os.ReadFile(path); err == nil {
		if ln, err := net.Listen("tcp", "127.0.0.1:"+strings.TrimSpace(string(raw))); err == nil {
			return ln, nil
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("localagent: listen: %w", err)
	}
	if err := writeFile(path, []byte(strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)+"\n")); err != nil {
		ln.Close()
		return nil, err
	}
	return ln, nil
}

// Port is the loopback port the agent listens on.
func (a *Agent) Port() int { return a.ln.Addr().(*net.TCPAddr).Port }

// Identity is the agent's key and certificate, for its host row.
func (a *Agent) Identity() Identity { return a.id }

// Serve answers the core until ctx ends; running plugins get the agent's
// shutdown grace. Cancel ctx only after the core has drained its checks.
func (a *Agent) Serve(ctx context.Context) error {
	return a.server.Serve(ctx, a.ln, a.id.Cert)
}
