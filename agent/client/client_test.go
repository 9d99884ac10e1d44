package client_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/mock"
)

func startMock(t testing.TB, data string, listen ...string) *mock.Server {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mock.json")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := mock.Start(mock.Config{DataFile: path, Listen: listen})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

func testPlugin(t testing.TB) client.ArchiveSource {
	b, err := bundle.Build(fstest.MapFS{
		"manifest.json": {Data: []byte(`{"id":"com.example.p","name":"P","version":"1.0.0","entry":"run.sh",
			"protocol":"json","classifier":"c.lua","history":1,"view":{"kind":"line"}}`)},
		"run.sh": {Data: []byte("#!/bin/sh\n")},
		"c.lua":  {Data: []byte("return 'ok'")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return client.Bytes(b.Archive)
}

func TestStatusOf(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want client.Status
	}{
		{"nil", nil, client.StatusOK},
		{"pin", fmt.Errorf("x: %w", &client.PinError{Expected: "a", Got: "b"}), client.StatusAuthError},
		{"deadline", fmt.Errorf("x: %w", context.DeadlineExceeded), client.StatusTimeout},
		{"refused", &net.OpError{Op: "dial", Err: errors.New("connection refused")}, client.StatusConnectionError},
		{"typed", &client.Error{Status: client.StatusRequestError, Err: errors.New("x")}, client.StatusRequestError},
	}
	for _, tt := range tests {
		if got := client.StatusOf(tt.err); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestConnectionFailures(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := ln.Addr().String()
	ln.Close()
	c := client.New(client.Options{CallTimeout: 2 * time.Second})
	fp := "00" + fmt.Sprintf("%062d", 0)
	res := c.Run(context.Background(), client.HostConn{Addr: closed, Fingerprint: fp}, "com.example.p", testPlugin(t), nil)
	if res.Status != client.StatusConnectionError || res.Value != nil {
		t.Fatalf("closed port: %+v", res)
	}
	if _, err := client.FetchFingerprint(context.Background(), closed); client.StatusOf(err) != client.StatusConnectionError {
		t.Fatalf("fetch from closed port: %v", err)
	}
	if res := c.Run(context.Background(), client.HostConn{Addr: closed, Fingerprint: "nope"}, "com.example.p", testPlugin(t), nil); res.Status != client.StatusRequestError {
		t.Fatalf("malformed fingerprint: %+v", res)
	}
	if res := c.Run(context.Background(), client.HostConn{Addr: closed, Fingerprint: fp}, "../../x", testPlugin(t), nil); res.Status != client.StatusRequestError {
		t.Fatalf("bad plugin id: %+v", res)
	}
}

func TestRepinDropsPooledConnections(t *testing.T) {
	a := startMock(t, `{"hosts":{"*":{"*":{"value":1}}}}`, "127.0.0.1:0")
	c := client.New(client.Options{})
	host := client.HostConn{Addr: a.Addrs()[0], Fingerprint: a.Fingerprint()}
	if _, err := c.Ping(context.Background(), host); err != nil {
		t.Fatal(err)
	}
	// Same address, another pin (host re-initialised): the pooled
	// connection verified against the old pin must not be reused.
	host.Fingerprint = fmt.Sprintf("%064x", 1)
	_, err := c.Ping(context.Background(), host)
	var pin *client.PinError
	if !errors.As(err, &pin) {
		t.Fatalf("want a pin error after re-pinning, got %v", err)
	}
}

func TestRunDerivesAgentTimeoutFromDeadline(t *testing.T) {
	srv := startMock(t, `{"hosts":{"*":{"*":{"delay_ms":60000}}}}`, "127.0.0.1:0")
	c := client.New(client.Options{})
	host := client.HostConn{Addr: srv.Addrs()[0], Fingerprint: srv.Fingerprint()}
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	res := c.Run(ctx, host, "com.example.p", testPlugin(t), nil)
	// The mock answers "timeout" at the timeout_ms it was sent, which must
	// come before the caller's deadline: a result from the agent, not a cut call.
	if res.Status != client.StatusTimeout || res.Message != "mock: plugin killed after the timeout" {
		t.Fatalf("got %+v", res)
	}
}

// BenchmarkRunKeepAlive measures one check round trip (sync cached, run)
// over a pooled HTTPS connection to a mock agent.
func BenchmarkRunKeepAlive(b *testing.B) {
	srv := startMock(b, `{"hosts":{"*":{"*":{"value":42,"message":"ok"}}}}`, "127.0.0.1:0")
	c := client.New(client.Options{})
	host := client.HostConn{Addr: srv.Addrs()[0], Fingerprint: srv.Fingerprint()}
	src := testPlugin(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		if res := c.Run(ctx, host, "com.example.p", src, nil); res.Status != client.StatusOK {
			b.Fatalf("%+v", res)
		}
		cancel()
	}
}

// BenchmarkRunNewConnection forces a TLS handshake per check, to compare
// with keep-alive.
func BenchmarkRunNewConnection(b *testing.B) {
	srv := startMock(b, `{"hosts":{"*":{"*":{"value":42}}}}`, "127.0.0.1:0")
	c := client.New(client.Options{})
	host := client.HostConn{Addr: srv.Addrs()[0], Fingerprint: srv.Fingerprint()}
	src := testPlugin(b)
	for b.Loop() {
		c.Close()
		if res := c.Run(context.Background(), host, "com.example.p", src, nil); res.Status != client.StatusOK {
			b.Fatalf("%+v", res)
		}
	}
}
