// Package webhook posts notifications as JSON to any HTTP endpoint,
// optionally signed with HMAC-SHA256 so the receiver can tell a Prophasis
// alert from a forged one and reject replays.
package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/internal/post"
)

// Headers set on signed requests.
const (
	TimestampHeader = "X-Prophasis-Timestamp"
	SignatureHeader = "X-Prophasis-Signature"
)

var _ alert.Notifier = (*Notifier)(nil)

// Config is one webhook's settings. URL and Secret are credentials.
type Config struct {
	URL string `json:"url" yaml:"url"`
	// Secret signs each request when set; see Sign for the scheme.
	Secret string `json:"secret,omitempty" yaml:"secret,omitempty"`
}

// LogValue keeps the URL and secret out of logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("url", "<redacted>"), slog.Bool("signed", c.Secret != ""))
}

// Validate reports a config that can never deliver, without echoing the URL.
func (c Config) Validate() error {
	if err := post.CheckURL(c.URL); err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	return nil
}

// Payload is the JSON body: the notification plus a format version so
// receivers can detect future changes.
type Payload struct {
	Version int `json:"version"`
	alert.Notification
}

// Notifier posts to one webhook.
type Notifier struct {
	cfg    Config
	client *http.Client
	now    func() time.Time
}

// New validates cfg; now stamps signatures (time.Now in production).
func New(cfg Config, client *http.Client, now func() time.Time) (*Notifier, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Notifier{cfg: cfg, client: client, now: now}, nil
}

// Notify posts the notification; 5xx, 429 and network errors are retryable.
func (n *Notifier) Notify(ctx context.Context, note alert.Notification) (bool, error) {
	body, err := json.Marshal(Payload{Version: 1, Notification: note})
	if err != nil {
		return false, fmt.Errorf("webhook: encode: %w", err)
	}
	h := http.Header{}
	if n.cfg.Secret != "" {
		ts := n.now().Unix()
		h.Set(TimestampHeader, strconv.FormatInt(ts, 10))
		h.Set(SignatureHeader, Sign(n.cfg.Secret, ts, body))
	}
	retry, err := post.Do(ctx, n.client, post.Request{URL: n.cfg.URL, ContentType: "application/json", Body: body, Header: h})
	if err != nil {
		return retry, fmt.Errorf("webhook: %w", err)
	}
	return false, nil
}
