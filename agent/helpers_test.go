package agent_test

import (
	"context"
	"log/slog"
	"net"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/prophasis/prophasis/agent"
	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/identity"
	"github.com/prophasis/prophasis/agent/store"
)

// startAgent serves a real agent over HTTPS on a loopback port until the
// test ends, and returns how the core would connect to it.
func startAgent(t testing.TB) client.HostConn {
	t.Helper()
	host, stop := startAgentStoppable(t)
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return host
}

// startAgentStoppable is startAgent with a stop function that cancels the
// server and returns Serve's error; the grace period is 200ms.
func startAgentStoppable(t testing.TB) (client.HostConn, func() error) {
	t.Helper()
	key, err := identity.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	cert, err := identity.NewCert([]string{"127.0.0.1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	pair, err := cert.TLSCertificate()
	if err != nil {
		t.Fatal(err)
	}
	cfg := agent.Defaults()
	cfg.AuthKeySHA256 = identity.HashKey(key)
	cfg.PluginDir = t.TempDir()
	cfg.MaxTimeout = agent.Duration(20 * time.Second)
	cfg.ShutdownGrace = agent.Duration(200 * time.Millisecond)
	logger := slog.New(slog.DiscardHandler)
	st, err := store.Open(cfg.PluginDir, archive.DefaultLimits, logger)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- agent.New(cfg, st, logger).Serve(ctx, ln, pair) }()
	var once sync.Once
	var serveErr error
	stop := func() error {
		once.Do(func() { cancel(); serveErr = <-done })
		return serveErr
	}
	return client.HostConn{Addr: ln.Addr().String(), Key: key, Fingerprint: cert.Fingerprint}, stop
}

// scriptPlugin packs a one-script plugin.
func scriptPlugin(t testing.TB, id, version, protocol, script string) client.ArchiveSource {
	t.Helper()
	m := `{"id":"` + id + `","name":"test","version":"` + version + `","entry":"run.sh","protocol":"` + protocol + `",
		"arguments":[{"name":"size","default":"1"}],"classifier":"c.lua","history":1,"view":{"kind":"line"}}`
	b, err := bundle.Build(fstest.MapFS{
		"manifest.json": {Data: []byte(m)},
		"run.sh":        {Data: []byte("#!/bin/sh\n" + script)},
		"c.lua":         {Data: []byte("return 'ok'")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return client.Bytes(b.Archive)
}

func runCtx(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
