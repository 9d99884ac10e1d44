// Package channels builds notifiers from their stored settings: it knows
// every channel kind, which of its settings are secret (sealed in the
// database with the server secret) and how to decode them strictly.
package channels

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/email"
	"github.com/prophasis/prophasis/alert/ntfy"
	"github.com/prophasis/prophasis/alert/script"
	"github.com/prophasis/prophasis/alert/slack"
	"github.com/prophasis/prophasis/alert/teams"
	"github.com/prophasis/prophasis/alert/webhook"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

// SecretPurpose is the secretbox purpose notifier secrets are sealed with.
const SecretPurpose = "notifier"

// SecretFields lists the settings of a kind that are stored sealed rather
// than in the plain settings column: passwords, tokens and webhook URLs.
// ok is false for an unknown kind.
func SecretFields(kind string) (fields []string, ok bool) {
	switch kind {
	case "email":
		return []string{"password"}, true
	case "webhook":
		return []string{"url", "secret"}, true
	case "slack", "teams":
		return []string{"url"}, true
	case "ntfy":
		return []string{"url", "token"}, true
	case "script":
		return nil, true
	}
	return nil, false
}

// scriptSettings is script.Config as users write it (seconds, not a Go
// duration).
type scriptSettings struct {
	Path           string   `json:"path"`
	Args           []string `json:"args"`
	TimeoutSeconds float64  `json:"timeout_seconds"`
	MaxOutput      int      `json:"max_output"`
}

// Deps are what channels need at run time.
type Deps struct {
	Client *http.Client
	Box    *secretbox.Box // opens secrets; nil only when no notifier has any
	Now    func() time.Time
}

// Build turns a stored notifier into a working one. Unknown settings are
// errors so a typo does not silently disable a field.
func (d Deps) Build(row storage.NotifierRow) (alert.Notifier, error) {
	settings, err := d.merge(row)
	if err != nil {
		return nil, err
	}
	switch row.Kind {
	case "email":
		var c email.Config
		if err := strict(settings, &c); err != nil {
			return nil, err
		}
		return email.New(c)
	case "webhook":
		var c webhook.Config
		if err := strict(settings, &c); err != nil {
			return nil, err
		}
		return webhook.New(c, d.Client, d.Now)
	case "slack":
		var c slack.Config
		if err := strict(settings, &c); err != nil {
			return nil, err
		}
		return slack.New(c, d.Client)
	case "teams":
		var c teams.Config
		if err := strict(settings, &c); err != nil {
			return nil, err
		}
		return teams.New(c, d.Client)
	case "ntfy":
		var c ntfy.Config
		if err := strict(settings, &c); err != nil {
			return nil, err
		}
		return ntfy.New(c, d.Client)
	case "script":
		var c scriptSettings
		if err := strict(settings, &c); err != nil {
			return nil, err
		}
		return script.New(script.Config{Path: c.Path, Args: c.Args, MaxOutput: c.MaxOutput,
			Timeout: time.Duration(c.TimeoutSeconds * float64(time.Second))})
	}
	return nil, fmt.Errorf("channels: unknown notifier kind %q", row.Kind)
}

func strict(settings map[string]json.RawMessage, v any) error {
	b, err := json.Marshal(settings)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("channels: settings: %w", err)
	}
	return nil
}
