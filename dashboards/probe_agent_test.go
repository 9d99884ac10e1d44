package dashboards

import (
	"context"
	"crypto/tls"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/prophasis/prophasis/agent/identity"
)

// TestAgentProberReadsTheRealCertificate: "test connection" against a TLS
// listener with an agent certificate reports that certificate's
// fingerprint, and a closed port is an error, not a fingerprint.
func TestAgentProberReadsTheRealCertificate(t *testing.T) {
	cert, err := identity.NewCert([]string{"127.0.0.1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tc, err := cert.TLSCertificate()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{tc}})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			_ = conn.(*tls.Conn).Handshake()
			conn.Close()
		}
	}()
	host, portStr, _ := net.SplitHostPort(ln.Addr().String())
	port, _ := strconv.Atoi(portStr)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	fp, err := agentProber{}.Probe(ctx, host, port)
	if err != nil || fp != identity.CertFingerprint(tc) {
		t.Fatalf("Probe = %q, %v; want %q", fp, err, identity.CertFingerprint(tc))
	}
	ln.Close()
	if fp, err := (agentProber{}).Probe(ctx, host, port); err == nil {
		t.Fatalf("probe of a closed port gave %q", fp)
	}
}
