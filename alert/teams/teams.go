// Package teams posts notifications to a Microsoft Teams channel through a
// Workflows ("When a Teams webhook request is received") URL, as an
// Adaptive Card.
package teams

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

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
	if err := post.CheckURL(cfg.URL); err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	return &Notifier{url: cfg.URL, client: client}, nil
}

// Notify posts the card.
func (n *Notifier) Notify(ctx context.Context, note alert.Notification) (bool, error) {
	retry, err := post.JSON(ctx, n.client, n.url, Build(note))
	if err != nil {
		return retry, fmt.Errorf("teams: %w", err)
	}
	return false, nil
}
