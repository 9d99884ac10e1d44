// Package slack posts notifications to a Slack incoming webhook, or to any
// chat that accepts the same payload (Mattermost, Rocket.Chat, Zulip's
// Slack-compatible endpoint).
package slack

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/internal/post"
	"github.com/prophasis/prophasis/internal/state"
)

var _ alert.Notifier = (*Notifier)(nil)

// Config holds the incoming-webhook URL, which is a credential.
type Config struct {
	URL string `json:"url" yaml:"url"`
}

// LogValue keeps the URL out of logs.
func (c Config) LogValue() slog.Value { return slog.StringValue("<redacted>") }

// Payload is the incoming-webhook body: a plain-text fallback and one
// coloured attachment, which Slack-compatible chats all render.
type Payload struct {
	Text        string       `json:"text"`
	Attachments []Attachment `json:"attachments"`
}

// Attachment is the coloured block with the rendered message.
type Attachment struct {
	Color     string `json:"color"`
	Title     string `json:"title"`
	TitleLink string `json:"title_link,omitempty"`
	Text      string `json:"text"`
	Fallback  string `json:"fallback"`
}

// Notifier posts to one incoming webhook.
type Notifier struct {
	url    string
	client *http.Client
}

// New checks the URL without echoing it.
func New(cfg Config, client *http.Client) (*Notifier, error) {
	if err := post.CheckURL(cfg.URL); err != nil {
		return nil, fmt.Errorf("slack: %w", err)
	}
	return &Notifier{url: cfg.URL, client: client}, nil
}

// Notify posts the notification.
func (n *Notifier) Notify(ctx context.Context, note alert.Notification) (bool, error) {
	retry, err := post.JSON(ctx, n.client, n.url, Build(note))
	if err != nil {
		return retry, fmt.Errorf("slack: %w", err)
	}
	return false, nil
}

// Build turns a notification into the webhook payload. Text from hosts and
// agents is escaped so it cannot form links or mentions (<!channel>).
func Build(note alert.Notification) Payload {
	link := ""
	if len(note.Transitions) == 1 {
		link = note.Transitions[0].URL
	}
	title := escape(note.Title)
	return Payload{
		Text: title,
		Attachments: []Attachment{{
			Color: color(note), Title: title, TitleLink: link, Text: escape(note.Text), Fallback: title,
		}},
	}
}

func color(note alert.Notification) string {
	if note.Kind == alert.KindRecovery {
		return "#2eb886"
	}
	switch note.Worst() {
	case state.Critical, state.Major:
		return "#d00000"
	case state.OK, state.NoData:
		return "#2eb886"
	}
	return "#e8a000"
}

// escape applies Slack's three mandatory entity escapes.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
