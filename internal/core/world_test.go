package core_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/mock"
	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/alert/webhook"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

const pluginID = "com.example.cpu"

var secret = bytes.Repeat([]byte{7}, 32)

// world is a database configured like a small installation: one host on a
// mock agent (real HTTPS), one plugin with a classifier, a check on a
// one-second schedule, and an alert rule with a webhook.
type world struct {
	t     *testing.T
	db    *pgxpool.Pool
	data  string // the mock agent's live data file
	hooks *hooks
	host  int64
}

func newWorld(t *testing.T, db *pgxpool.Pool) *world {
	w := &world{t: t, db: db, data: filepath.Join(t.TempDir(), "mock.json"), hooks: &hooks{}}
	w.setValue(10)
	agent, err := mock.Start(mock.Config{DataFile: w.data, Listen: []string{"127.0.0.1:0"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { agent.Close() })
	addr, portText, _ := net.SplitHostPort(agent.Addrs()[0])
	port, _ := strconv.Atoi(portText)
	keys, _ := secretbox.New(secret, "agent-key")
	ctx := context.Background()
	w.host, err = storage.CreateHost(ctx, db, storage.Host{Name: "web1", Address: addr, Port: port,
		AgentKey: keys.Seal([]byte("agent-secret")), Fingerprint: agent.Fingerprint(), Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	w.plugin()
	check := w.id(`INSERT INTO checks (name) VALUES ('cpu') RETURNING id`)
	w.exec(`INSERT INTO check_hosts (check_id, host_id) VALUES ($1, $2)`, check, w.host)
	w.exec(`INSERT INTO check_plugins (check_id, plugin_id) VALUES ($1, $2)`, check, pluginID)
	w.exec(`INSERT INTO classifiers (plugin_id, code) VALUES ($1, $2)`, pluginID,
		`if result.value ~= nil and result.value > 50 then return "critical", "cpu high" end return "ok"`)
	sch := w.id(`INSERT INTO schedules (name) VALUES ('every second') RETURNING id`)
	w.exec(`INSERT INTO schedule_intervals (schedule_id, start_at, period) VALUES ($1, $2, '1 second')`,
		sch, time.Now().UTC().Truncate(time.Second))
	w.exec(`INSERT INTO schedule_checks (schedule_id, check_id) VALUES ($1, $2)`, sch, check)
	w.alertRule()
	return w
}

// setValue makes the mock agent answer value from now on.
func (w *world) setValue(v float64) {
	data := mock.Data{Key: "agent-secret", Hosts: map[string]map[string]mock.Entry{"*": {"*": {Value: &v, Message: "load"}}}}
	raw, _ := json.Marshal(data)
	tmp := w.data + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		w.t.Fatal(err)
	}
	if err := os.Rename(tmp, w.data); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) plugin() {
	b, err := bundle.Build(fstest.MapFS{
		"manifest.json": {Data: fmt.Appendf(nil, `{"id":%q,"name":"CPU","version":"1.0.0","entry":"run.sh",
			"protocol":"json","classifier":"c.lua","history":1,"view":{"kind":"line"}}`, pluginID)},
		"run.sh": {Data: []byte("#!/bin/sh\n")},
		"c.lua":  {Data: []byte("return 'ok'")},
	})
	if err != nil {
		w.t.Fatal(err)
	}
	w.exec(`INSERT INTO plugins (id, name) VALUES ($1, 'CPU')`, pluginID)
	w.exec(`INSERT INTO plugin_versions (plugin_id, version, archive, sha256, manifest)
		VALUES ($1, '1.0.0', $2, decode($3, 'hex'), '{}')`, pluginID, b.Archive, bundle.Digest(b.Archive))
	w.exec(`UPDATE plugins SET active_version = '1.0.0' WHERE id = $1`, pluginID)
}

func (w *world) alertRule() {
	srv := httptest.NewServer(w.hooks)
	w.t.Cleanup(srv.Close)
	box, _ := secretbox.New(secret, channels.SecretPurpose)
	settings, sealed, err := channels.Split(box, "webhook", map[string]any{"url": srv.URL + "/hook", "secret": "s3cret"})
	if err != nil {
		w.t.Fatal(err)
	}
	hook := w.id(`INSERT INTO notifiers (name, kind, settings, secrets_encrypted) VALUES ('hook', 'webhook', $1, $2) RETURNING id`,
		settings, sealed)
	rule := w.id(`INSERT INTO alert_rules (name, scope_kind, from_states, to_states)
		VALUES ('cpu', 'all_hosts', '{no_data,ok,unknown,minor,major}', '{critical}') RETURNING id`)
	w.exec(`INSERT INTO alert_rule_notifiers (rule_id, notifier_id) VALUES ($1, $2)`, rule, hook)
}

func (w *world) id(q string, args ...any) int64 {
	w.t.Helper()
	var id int64
	if err := w.db.QueryRow(context.Background(), q, args...).Scan(&id); err != nil {
		w.t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (w *world) exec(q string, args ...any) {
	w.t.Helper()
	if _, err := w.db.Exec(context.Background(), q, args...); err != nil {
		w.t.Fatalf("%s: %v", q, err)
	}
}

// hooks receives the signed webhook notifications.
type hooks struct {
	mu  sync.Mutex
	got []webhook.Payload
}

func (h *hooks) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	err := webhook.Verify("s3cret", r.Header.Get(webhook.TimestampHeader), r.Header.Get(webhook.SignatureHeader),
		body, time.Now(), time.Minute)
	var p webhook.Payload
	if err == nil {
		err = json.Unmarshal(body, &p)
	}
	if err != nil {
		rw.WriteHeader(http.StatusUnauthorized)
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got = append(h.got, p)
}

func (h *hooks) kinds() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, p := range h.got {
		out = append(out, string(p.Kind))
	}
	return out
}
