package agentrun

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

// Errors Conn returns for hosts no agent run can reach.
var (
	ErrNoAgentKey   = errors.New("host has no agent key: only server-side checks can run on it")
	ErrNotPinned    = errors.New("agent certificate not pinned: test the connection in the host's settings")
	ErrHostDisabled = errors.New("host is disabled")
)

// DBHosts implements Hosts over the hosts table; Keys is the server
// secret's "agent-key" box that opens the stored agent keys.
type DBHosts struct {
	DB   storage.DBTX
	Keys *secretbox.Box
}

// Conn loads the host and opens its agent key.
func (h DBHosts) Conn(ctx context.Context, hostID int64) (client.HostConn, error) {
	host, err := storage.HostByID(ctx, h.DB, hostID)
	switch {
	case err != nil:
		return client.HostConn{}, err
	case !host.Enabled:
		return client.HostConn{}, ErrHostDisabled
	case len(host.AgentKey) == 0:
		return client.HostConn{}, ErrNoAgentKey
	case host.Fingerprint == "":
		return client.HostConn{}, ErrNotPinned
	}
	key, err := h.Keys.Open(host.AgentKey)
	if err != nil {
		return client.HostConn{}, fmt.Errorf("agent key: %w", err)
	}
	return client.HostConn{Addr: net.JoinHostPort(host.Address, strconv.Itoa(host.Port)),
		Key: string(key), Fingerprint: host.Fingerprint}, nil
}

// DBPlugins implements Plugins over plugin_versions: the active version,
// whose archive is read only when an agent lacks it.
type DBPlugins struct{ DB storage.DBTX }

// Source returns the active version of pluginID.
func (p DBPlugins) Source(ctx context.Context, pluginID string) (client.ArchiveSource, error) {
	sha, err := storage.CheckPluginDigest(ctx, p.DB, pluginID)
	if err != nil {
		return nil, err
	}
	return dbArchive{db: p.DB, id: pluginID, sha: sha}, nil
}

type dbArchive struct {
	db      storage.DBTX
	id, sha string
}

func (a dbArchive) SHA256() string { return a.sha }

func (a dbArchive) Archive(ctx context.Context) ([]byte, error) {
	return storage.CheckPluginArchive(ctx, a.db, a.id, a.sha)
}
