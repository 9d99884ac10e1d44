package email

import (
	"context"
	"errors"
	"fmt"

	gomail "github.com/wneessen/go-mail"

	"github.com/prophasis/prophasis/alert"
)

// Notifier sends to the configured recipients through one SMTP server.
type Notifier struct {
	cfg  Config
	opts []gomail.Option
}

// New validates cfg and prepares the client options.
func New(cfg Config) (*Notifier, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	opts := []gomail.Option{}
	if cfg.Port != 0 {
		opts = append(opts, gomail.WithPort(cfg.Port))
	}
	switch cfg.Security {
	case SecurityTLS:
		opts = append(opts, gomail.WithSSL())
	case SecurityOpportunistic:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case SecurityNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if cfg.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(cfg.TLSConfig))
	}
	if cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	return &Notifier{cfg: cfg, opts: opts}, nil
}

// Notify sends the text with the HTML as an alternative part. Connection
// failures and temporary (4xx) SMTP replies are retryable; permanent
// rejections are not.
func (n *Notifier) Notify(ctx context.Context, note alert.Notification) (bool, error) {
	m := gomail.NewMsg()
	if err := m.From(n.cfg.From); err != nil {
		return false, fmt.Errorf("email: from: %w", err)
	}
	if err := m.To(n.cfg.To...); err != nil {
		return false, fmt.Errorf("email: to: %w", err)
	}
	m.Subject(note.Title)
	m.SetDate()
	m.SetMessageID()
	m.SetBodyString(gomail.TypeTextPlain, note.Text)
	if note.HTML != "" {
		m.AddAlternativeString(gomail.TypeTextHTML, note.HTML)
	}
	c, err := gomail.NewClient(n.cfg.Host, n.opts...)
	if err != nil {
		return false, fmt.Errorf("email: client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, m); err != nil {
		var se *gomail.SendError
		retry := true
		if errors.As(err, &se) {
			retry = se.IsTemp()
		}
		return retry && ctx.Err() == nil, fmt.Errorf("email: %w", err)
	}
	return false, nil
}
