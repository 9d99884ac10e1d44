package dashboards

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/mock"
	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/ingest"
	"github.com/prophasis/prophasis/internal/browsertest"
	"github.com/prophasis/prophasis/internal/core"
	"github.com/prophasis/prophasis/internal/pgtest"
)

// TestBrowserPipeline is the whole product through the browser: first
// admin, sign-in, a host on a mock agent (real HTTPS, fingerprint from
// "test connection"), a plugin uploaded through the file input, a check, a
// two-second schedule, and the classified result on the host's report,
// written by the real core running in this process. The agent's message
// is an HTML/JS payload: the report must show it as text.
func TestBrowserPipeline(t *testing.T) {
	b := browsertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	db := pgtest.Plain(t)
	secret := bytes.Repeat([]byte{3}, 32)
	agent, port := startMockAgent(t, 0.42, payload)
	base := startPipelineApp(t, ctx, db, secret)

	link, _, err := EnsureSetupLink(ctx, db, base)
	if err != nil {
		t.Fatal(err)
	}
	p := b.NewPage(t, 1280, 900)
	p.Run(chromedp.Navigate(link),
		chromedp.SendKeys("#f-username", "ops", chromedp.ByQuery),
		chromedp.SendKeys("#f-password", "a long admin password", chromedp.ByQuery),
		chromedp.SendKeys("#f-confirm", "a long admin password", chromedp.ByQuery),
		chromedp.Click("#setup-submit", chromedp.ByQuery),
		chromedp.WaitVisible("#welcome", chromedp.ByQuery),
		chromedp.Click("#nav-logout", chromedp.ByQuery),
		chromedp.WaitVisible("#login-submit", chromedp.ByQuery))
	signIn(p, base, "ops", "a long admin password")

	var fp, hostHref string
	p.Run(chromedp.Navigate(base+"/hosts/new"),
		chromedp.SendKeys("#f-name", "web1", chromedp.ByQuery),
		chromedp.SendKeys("#f-address", "127.0.0.1", chromedp.ByQuery),
		chromedp.SetValue("#f-port", port, chromedp.ByQuery),
		chromedp.SendKeys("#f-agent_key", "agent-secret", chromedp.ByQuery),
		chromedp.Click("#probe", chromedp.ByQuery),
		chromedp.WaitVisible("#probe-ok", chromedp.ByQuery),
		chromedp.Value("#f-fingerprint", &fp, chromedp.ByQuery))
	if fp != agent.Fingerprint() {
		t.Fatalf("test connection shows fingerprint %q, the mock agent's is %q", fp, agent.Fingerprint())
	}
	p.Run(chromedp.Click("#host-save", chromedp.ByQuery), chromedp.WaitVisible("#hosts-table", chromedp.ByQuery),
		chromedp.AttributeValue(`//a[@class="host-name" and text()="web1"]`, "href", &hostHref, nil, chromedp.BySearch))

	archive := filepath.Join(t.TempDir(), "load.tar.gz")
	if err := os.WriteFile(archive, loadPlugin(t), 0o600); err != nil {
		t.Fatal(err)
	}
	p.Run(chromedp.Navigate(base+"/plugins"),
		chromedp.SetUploadFiles("#f-archive", []string{archive}, chromedp.ByQuery),
		chromedp.Click("#upload", chromedp.ByQuery),
		chromedp.WaitVisible(`//div[contains(@class,"alert") and contains(.,"Uploaded com.example.loadavg 1.0.0")]`, chromedp.BySearch))

	p.Run(chromedp.Navigate(base+"/checks/new"),
		chromedp.SendKeys("#f-name", "load on web1", chromedp.ByQuery),
		chromedp.Click(`//label[text()="web1"]`, chromedp.BySearch),
		chromedp.Click(`//label[starts-with(text(),"Load average")]`, chromedp.BySearch),
		chromedp.Click("#check-save", chromedp.ByQuery),
		chromedp.WaitVisible(`//a[text()="load on web1"]`, chromedp.BySearch))

	p.Run(chromedp.Navigate(base+"/schedules/new"),
		chromedp.SendKeys("#f-name", "every two seconds", chromedp.ByQuery),
		chromedp.SendKeys(`input[name="iv_every"]`, "2", chromedp.ByQuery),
		chromedp.SetValue(`select[name="iv_unit"]`, "s", chromedp.ByQuery),
		chromedp.Click(`//label[text()="load on web1"]`, chromedp.BySearch),
		chromedp.Click("#schedule-save", chromedp.ByQuery),
		chromedp.WaitVisible(`//a[text()="every two seconds"]`, chromedp.BySearch))
	saved := time.Now()

	value, message := waitForResult(t, ctx, p, base+"/report"+hostHref)
	t.Logf("result on the report %v after the schedule was saved", time.Since(saved).Round(time.Millisecond))
	var pwned bool
	p.Run(chromedp.Evaluate(`window.pwned !== undefined || document.title.includes("pwned")`, &pwned))
	if !strings.Contains(value, "0.42") || message != payload || pwned {
		t.Fatalf("report shows value %q, message %q; the message ran as code: %v", value, message, pwned)
	}
	if errs := p.Errors(); len(errs) > 0 {
		t.Fatalf("the pages reported errors: %q", errs)
	}
}

// startMockAgent serves value and message for every plugin over HTTPS on
// loopback, behind the agent key "agent-secret"; it returns the agent and
// its port.
func startMockAgent(t *testing.T, value float64, message string) (*mock.Server, string) {
	t.Helper()
	data := mock.Data{Key: "agent-secret", Hosts: map[string]map[string]mock.Entry{"*": {"*": {Value: &value, Message: message}}}}
	raw, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "mock.json")
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	agent, err := mock.Start(mock.Config{DataFile: file, Listen: []string{"127.0.0.1:0"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { agent.Close() })
	_, port, _ := net.SplitHostPort(agent.Addrs()[0])
	return agent, port
}

// startPipelineApp serves the web app on the real clock and runs the core
// on the same database and secret until ctx ends or the test does.
func startPipelineApp(t *testing.T, ctx context.Context, db *pgxpool.Pool, secret []byte) string {
	t.Helper()
	web, err := NewWeb(WebConfig{DB: db, Logger: slog.New(slog.DiscardHandler), Secret: secret,
		Prober: agentProber{}, Hasher: auth.NewHasher(cheapParams, 2)})
	if err != nil {
		t.Fatal(err)
	}
	engine := gin.New()
	if err := engine.SetTrustedProxies(nil); err != nil {
		t.Fatal(err)
	}
	web.Mount(engine)
	srv := httptest.NewServer(web.Wrap(engine))
	c, err := core.New(core.Config{DB: db, Secret: secret, BaseURL: srv.URL,
		Logger: slog.New(slog.DiscardHandler), Ingest: ingest.Config{FlushEvery: 50 * time.Millisecond},
		LookupTTL: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- c.Run(runCtx) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("core: %v", err)
		}
		srv.Close()
		web.Close()
	})
	return srv.URL
}

// loadPlugin is a plugin archive whose classifier passes the agent's
// message through, so the report shows exactly what the mock said.
func loadPlugin(t *testing.T) []byte {
	t.Helper()
	b, err := bundle.Build(fstest.MapFS{
		"manifest.json": {Data: []byte(`{"id": "com.example.loadavg", "name": "Load average", "version": "1.0.0",
			"entry": "check.sh", "protocol": "json", "timeout_seconds": 5, "classifier": "classifier.lua", "history": 1,
			"view": {"kind": "line"}}`)},
		"check.sh":       {Data: []byte("#!/bin/sh\necho '{\"value\": 1}'\n"), Mode: 0o755},
		"classifier.lua": {Data: []byte(`return "ok"`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Archive
}

// waitForResult reloads the host's report until its current-state table
// has a value, and returns that value and message.
func waitForResult(t *testing.T, ctx context.Context, p *browsertest.Page, url string) (value, message string) {
	t.Helper()
	for ctx.Err() == nil {
		var rows int
		p.Run(chromedp.Navigate(url), chromedp.WaitReady("#plugin-states", chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll("#plugin-states .plugin-value").length`, &rows))
		if rows > 0 {
			p.Run(chromedp.Text("#plugin-states .plugin-value", &value, chromedp.ByQuery),
				chromedp.TextContent("#plugin-states .plugin-message", &message, chromedp.ByQuery))
			return strings.TrimSpace(value), strings.TrimSpace(message)
		}
		select {
		case <-ctx.Done():
		case <-time.After(300 * time.Millisecond):
		}
	}
	t.Fatalf("no result on %s before the deadline: %v", url, ctx.Err())
	return "", ""
}
