package mock_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/agent/mock"
)

func writeData(t *testing.T, path string, d mock.Data) {
	t.Helper()
	raw, _ := json.Marshal(d)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func plugin(t *testing.T) client.ArchiveSource {
	b, err := bundle.Build(fstest.MapFS{
		"manifest.json": {Data: []byte(`{"id":"com.example.cpu","name":"CPU","version":"1.0.0","entry":"run.sh",
			"protocol":"json","classifier":"c.lua","history":1,"view":{"kind":"percent"}}`)},
		"run.sh": {Data: []byte("#!/bin/sh\n")},
		"c.lua":  {Data: []byte("return 'ok'")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return client.Bytes(b.Archive)
}

func ctxFor(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func TestFiftyHostsFromOneFile(t *testing.T) {
	const n = 50
	path := filepath.Join(t.TempDir(), "mock.json")
	d := mock.Data{Key: "secret", Hosts: map[string]map[string]mock.Entry{}}
	var listen []string
	for i := range n {
		ip := fmt.Sprintf("127.0.0.%d", i+2)
		v := float64(i)
		d.Hosts[ip] = map[string]mock.Entry{"com.example.cpu": {Value: &v, Message: "host " + ip}}
		listen = append(listen, ip+":0")
	}
	writeData(t, path, d)
	srv, err := mock.Start(mock.Config{DataFile: path, Listen: listen})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := client.New(client.Options{})
	src := plugin(t)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i, addr := range srv.Addrs() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			host := client.HostConn{Addr: addr, Key: "secret", Fingerprint: srv.Fingerprint()}
			res := c.Run(ctxFor(t, 10*time.Second), host, "com.example.cpu", src, nil)
			if res.Status != client.StatusOK || *res.Value != float64(i) || !strings.HasPrefix(addr, strings.TrimPrefix(res.Message, "host ")+":") {
				errs <- fmt.Errorf("%s: %+v", addr, res)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	wrong := client.HostConn{Addr: srv.Addrs()[0], Key: "nope", Fingerprint: srv.Fingerprint()}
	if _, err := c.Ping(ctxFor(t, 5*time.Second), wrong); client.StatusOf(err) != client.StatusAuthError {
		t.Fatalf("wrong key accepted: %v", err)
	}
}

func TestLiveEditsAndSimulatedFailures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mock.json")
	one := 1.0
	writeData(t, path, mock.Data{Hosts: map[string]map[string]mock.Entry{"*": {"*": {Value: &one}}}})
	srv, err := mock.Start(mock.Config{DataFile: path, Listen: []string{"127.0.0.1:0"}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := client.New(client.Options{})
	host := client.HostConn{Addr: srv.Addrs()[0], Fingerprint: srv.Fingerprint()}
	if res := c.Run(ctxFor(t, 5*time.Second), host, "com.example.cpu", plugin(t), nil); res.Status != client.StatusOK || *res.Value != 1 {
		t.Fatalf("first run %+v", res)
	}
	// deadline is the run's context; within bounds how long the call may take. The
	// bounds are far below the simulated 60 s delay and the endless hang, so they
	// prove the client gives up at its deadline, yet loose enough for a loaded CI box.
	tests := []struct {
		name     string
		entry    mock.Entry
		status   client.Status
		deadline time.Duration
		within   time.Duration
	}{
		{"error", mock.Entry{Status: "error", Message: "disk on fire"}, client.StatusPluginError, 10 * time.Second, 10 * time.Second},
		{"delay beyond timeout", mock.Entry{DelayMS: 60000}, client.StatusTimeout, time.Second, 15 * time.Second},
		{"hang", mock.Entry{Hang: true}, client.StatusTimeout, time.Second, 15 * time.Second},
		{"delay", mock.Entry{DelayMS: 100, Value: &one}, client.StatusOK, 10 * time.Second, 10 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeData(t, path, mock.Data{Hosts: map[string]map[string]mock.Entry{"*": {"com.example.cpu": tt.entry}}})
			start := time.Now()
			res := c.Run(ctxFor(t, tt.deadline), host, "com.example.cpu", plugin(t), nil)
			if res.Status != tt.status || time.Since(start) > tt.within {
				t.Fatalf("got %+v after %v", res, time.Since(start))
			}
		})
	}
}
