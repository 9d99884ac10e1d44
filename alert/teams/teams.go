// Package teams posts notifications to a Microsoft Teams channel through a
// Workflows ("When a Teams webhook request is received") URL, as an
// Adaptive Card.
package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/internal/post"
)

var _ alert.Notifier = (*Notifier)(nil)

// Config holds the Workflows URL, which is a credential (it carries a SAS
// signature).
type Config struct {
	URL string `json:"url" yaml:"url"`
}

// LogValue keeps the URL out of logs.
func (c Config) LogValue() slog.Value { return slog.StringValue("<redacted>") }

// Notifier posts to one Workflows URL.
type Notifier struct {
	url    string
	client *http.Client
}

// New checks the URL without echoing it.
func New(cfg Config, client *http.Client) (*Notifier, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("teams: url must be an absolute http(s) URL")
	}
	return &Notifier{url: cfg.URL, client: client}, nil
}

// Notify posts the card.
func (n *Notifier) Notify(ctx context.Context, note alert.Notification) (bool, error) {
	body, err := json.Marshal(Build(note))
	if err != nil {
		return false, fmt.Errorf("teams: encode: %w", err)
	}
	retry, err := post.Do(ctx, n.client, post.Request{URL: n.url, ContentType: "application/json", Body: body})
	if err != nil {
		return retry, fmt.Errorf("teams: %w", err)
	}
	return false, nil
}
