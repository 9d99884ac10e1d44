// Package email sends notifications by SMTP, with implicit TLS, STARTTLS
// or (for a relay on the same machine) no encryption, and optional auth.
package email

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"

	"github.com/prophasis/prophasis/alert"
)

var _ alert.Notifier = (*Notifier)(nil)

// Security is how the connection to the SMTP server is protected.
type Security string

// The supported security modes; STARTTLS is the default because a
// misconfigured server should fail loudly rather than send in clear text.
const (
	SecurityTLS           Security = "tls"           // implicit TLS (port 465)
	SecuritySTARTTLS      Security = "starttls"      // STARTTLS required (port 587)
	SecurityOpportunistic Security = "opportunistic" // STARTTLS when offered
	SecurityNone          Security = "none"          // clear text: local relays only
)

// Config is one email channel. Password is a credential.
type Config struct {
	Host     string   `json:"host" yaml:"host"`
	Port     int      `json:"port" yaml:"port"`
	Security Security `json:"security" yaml:"security"`
	Username string   `json:"username,omitempty" yaml:"username,omitempty"`
	Password string   `json:"password,omitempty" yaml:"password,omitempty"`
	From     string   `json:"from" yaml:"from"`
	To       []string `json:"to" yaml:"to"`
	// TLSConfig overrides certificate checks (a private CA); nil uses the
	// system roots and the host name.
	TLSConfig *tls.Config `json:"-" yaml:"-"`
}

// LogValue keeps the password out of logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("host", c.Host), slog.Int("port", c.Port),
		slog.String("security", string(c.Security)), slog.Int("recipients", len(c.To)))
}

// Validate reports settings that can never deliver.
func (c Config) Validate() error {
	var errs []error
	if c.Host == "" {
		errs = append(errs, errors.New("host is required"))
	}
	if c.Port < 0 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("port %d out of range", c.Port))
	}
	switch c.Security {
	case "", SecurityTLS, SecuritySTARTTLS, SecurityOpportunistic, SecurityNone:
	default:
		errs = append(errs, fmt.Errorf("security %q is not tls, starttls, opportunistic or none", c.Security))
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		errs = append(errs, fmt.Errorf("from %q: %w", c.From, err))
	}
	if len(c.To) == 0 {
		errs = append(errs, errors.New("at least one recipient is required"))
	}
	for _, to := range c.To {
		if _, err := mail.ParseAddress(to); err != nil {
			errs = append(errs, fmt.Errorf("to %q: %w", to, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("email: %w", err)
	}
	return nil
}
