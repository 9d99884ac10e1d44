package dashboards

import (
	"context"
	"net"
	"strconv"

	"github.com/prophasis/prophasis/agent/client"
)

// agentProber is the HostProber for real agents: it opens a TLS connection
// without trusting the certificate and reports the certificate's SHA-256.
type agentProber struct{}

// Probe implements HostProber.
func (agentProber) Probe(ctx context.Context, address string, port int) (string, error) {
	return client.FetchFingerprint(ctx, net.JoinHostPort(address, strconv.Itoa(port)))
}
