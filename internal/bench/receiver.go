package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/alert/webhook"
	"github.com/prophasis/prophasis/internal/secretbox"
)

// hookSecret signs the benchmark's webhook notifications.
const hookSecret = "bench-hook-secret"

// receiver is a webhook endpoint (httptest) configured as the notifier of
// a rule alerting on every host turning critical, and back.
type receiver struct {
	srv *httptest.Server
	got chan hookArrival
}

type hookArrival struct {
	kind string
	at   time.Time
}

func newReceiver(ctx context.Context, env *Env) (*receiver, error) {
	rx := &receiver{got: make(chan hookArrival, 64)}
	rx.srv = httptest.NewServer(http.HandlerFunc(rx.serve))
	box, err := secretbox.New(worldSecret, channels.SecretPurpose)
	if err != nil {
		return nil, err
	}
	settings, sealed, err := channels.Split(box, "webhook", map[string]any{"url": rx.srv.URL + "/hook", "secret": hookSecret})
	if err != nil {
		return nil, fmt.Errorf("bench: webhook settings: %w", err)
	}
	var hook, rule int64
	err = env.DB.QueryRow(ctx, `INSERT INTO notifiers (name, kind, settings, secrets_encrypted)
		VALUES ('hook', 'webhook', $1, $2) RETURNING id`, settings, sealed).Scan(&hook)
	if err == nil {
		err = env.DB.QueryRow(ctx, `INSERT INTO alert_rules (name, scope_kind, from_states, to_states)
			VALUES ('bench', 'all_hosts', '{no_data,ok,unknown,minor,major}', '{critical}') RETURNING id`).Scan(&rule)
	}
	if err == nil {
		_, err = env.DB.Exec(ctx, `INSERT INTO alert_rule_notifiers (rule_id, notifier_id) VALUES ($1, $2)`, rule, hook)
	}
	if err != nil {
		rx.close()
		return nil, fmt.Errorf("bench: alert rule: %w", err)
	}
	return rx, nil
}

// serve records verified notifications with their arrival time.
func (rx *receiver) serve(rw http.ResponseWriter, r *http.Request) {
	at := time.Now()
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	err := webhook.Verify(hookSecret, r.Header.Get(webhook.TimestampHeader), r.Header.Get(webhook.SignatureHeader),
		body, at, time.Minute)
	var p webhook.Payload
	if err == nil {
		err = json.Unmarshal(body, &p)
	}
	if err != nil {
		rw.WriteHeader(http.StatusUnauthorized)
		return
	}
	select {
	case rx.got <- hookArrival{kind: string(p.Kind), at: at}:
	default:
	}
}

// wait returns when a notification of kind arrived, skipping others.
func (rx *receiver) wait(ctx context.Context, kind string, limit time.Duration) (time.Time, error) {
	timeout := time.After(limit)
	for {
		select {
		case a := <-rx.got:
			if a.kind == kind {
				return a.at, nil
			}
		case <-timeout:
			return time.Time{}, fmt.Errorf("bench: no %s notification within %s", kind, limit)
		case <-ctx.Done():
			return time.Time{}, ctx.Err()
		}
	}
}

func (rx *receiver) close() { rx.srv.Close() }
