package doctor

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/identity"
)

// probed is what one pinned request tells about an agent beyond ping.
type probed struct {
	NotAfter time.Time
	// Skew is the agent's clock minus ours, to about half a second (the
	// Date header has whole seconds).
	Skew time.Duration
}

// probe makes one authenticated ping over a connection pinned to the
// host's fingerprint and reads the certificate and the Date header, which
// agent/client does not expose.
func probe(ctx context.Context, conn client.HostConn, now func() time.Time) (probed, error) {
	verify := func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 || identity.Fingerprint(cs.PeerCertificates[0].Raw) != conn.Fingerprint {
			return errors.New("certificate does not match the pinned fingerprint")
		}
		return nil
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{
		InsecureSkipVerify: true, // replaced by the pin in VerifyConnection
		VerifyConnection:   verify,
		MinVersion:         tls.VersionTLS12,
	}}
	defer tr.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://"+conn.Addr+"/v1/ping", nil)
	if err != nil {
		return probed{}, err
	}
	req.SetBasicAuth("core", conn.Key)
	sent := now()
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return probed{}, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	mid := sent.Add(now().Sub(sent) / 2)
	if resp.TLS == nil || len(resp.TLS.PeerCertificates) == 0 {
		return probed{}, errors.New("no TLS certificate")
	}
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		return probed{}, fmt.Errorf("date header: %w", err)
	}
	return probed{NotAfter: resp.TLS.PeerCertificates[0].NotAfter,
		Skew: date.Add(500 * time.Millisecond).Sub(mid)}, nil
}
