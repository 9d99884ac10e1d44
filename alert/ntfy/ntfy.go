// Package ntfy publishes notifications to an ntfy topic (ntfy.sh or a
// self-hosted server), which pushes them to phones.
package ntfy

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/internal/post"
	"github.com/prophasis/prophasis/internal/state"
)

var _ alert.Notifier = (*Notifier)(nil)

// Config is the topic URL (https://ntfy.sh/topic; the topic name is the
// only protection of a public topic, so it is a secret) and an optional
// access token for protected servers.
type Config struct {
	URL   string `json:"url" yaml:"url"`
	Token string `json:"token,omitempty" yaml:"token,omitempty"`
}

// LogValue keeps the topic and token out of logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("url", "<redacted>"), slog.Bool("token", c.Token != ""))
}

// Notifier publishes to one topic.
type Notifier struct {
	cfg    Config
	client *http.Client
}

// New checks the URL without echoing it.
func New(cfg Config, client *http.Client) (*Notifier, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(u.Path) < 2 {
		return nil, errors.New("ntfy: url must be an http(s) URL ending in the topic")
	}
	return &Notifier{cfg: cfg, client: client}, nil
}

// Notify publishes the plain-text message with title, priority and tags.
func (n *Notifier) Notify(ctx context.Context, note alert.Notification) (bool, error) {
	retry, err := post.Do(ctx, n.client, post.Request{
		URL: n.cfg.URL, ContentType: "text/plain; charset=utf-8", Body: []byte(note.Text), Header: Headers(note, n.cfg.Token),
	})
	if err != nil {
		return retry, fmt.Errorf("ntfy: %w", err)
	}
	return false, nil
}

// Headers are ntfy's publishing headers for a notification. The title is
// RFC 2047-encoded when it is not plain ASCII, which ntfy decodes.
func Headers(note alert.Notification, token string) http.Header {
	h := http.Header{}
	h.Set("Title", mime.BEncoding.Encode("UTF-8", note.Title))
	h.Set("Priority", strconv.Itoa(priority(note)))
	h.Set("Tags", tags(note))
	if len(note.Transitions) == 1 && note.Transitions[0].URL != "" {
		h.Set("Click", note.Transitions[0].URL)
	}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	return h
}

// priority maps severity to ntfy's 1 (min) .. 5 (urgent): critical wakes
// people up, recoveries do not.
func priority(note alert.Notification) int {
	if note.Kind == alert.KindRecovery || note.Kind == alert.KindTest {
		return 3
	}
	switch note.Worst() {
	case state.Critical:
		return 5
	case state.Major:
		return 4
	}
	return 3
}

func tags(note alert.Notification) string {
	switch {
	case note.Kind == alert.KindRecovery:
		return "white_check_mark,recovery"
	case note.Kind == alert.KindTest:
		return "test_tube,test"
	}
	return "rotating_light," + string(note.Worst())
}
