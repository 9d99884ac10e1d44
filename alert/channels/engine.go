package channels

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

// EngineConfig is what a server needs to run alerting on its database.
type EngineConfig struct {
	DB storage.DBTX // normally the *pgxpool.Pool
	// Secret is the server secret notifier secrets are sealed with.
	Secret []byte
	// BaseURL is the web app's public address, for links in messages.
	BaseURL string
	Logger  *slog.Logger
	// Client sends webhook-style notifications; nil uses one with a 30 s
	// timeout.
	Client *http.Client
}

// NewEngine wires an alert engine on PostgreSQL with every channel kind,
// using the real clock. Start it with go engine.Run(ctx) and hand it to
// ingest as the Alerter.
func NewEngine(cfg EngineConfig) (*alert.Engine, error) {
	box, err := secretbox.New(cfg.Secret, SecretPurpose)
	if err != nil {
		return nil, fmt.Errorf("channels: %w", err)
	}
	client := cfg.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	tmpl, err := alert.NewTemplates(cfg.BaseURL, "", "", "")
	if err != nil {
		return nil, err
	}
	deps := Deps{Client: client, Box: box, Now: time.Now}
	return alert.New(alert.Config{
		Store:     &storage.AlertStore{DB: cfg.DB, Build: deps.Build, Now: time.Now},
		Templates: tmpl,
		Logger:    cfg.Logger,
		Now:       time.Now,
	})
}
