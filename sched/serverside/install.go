package serverside

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/prophasis/prophasis/internal/storage"
)

// classifier is the default classifier of every server-side check.
//
//go:embed classifier.lua
var classifier string

// Plugins lists the server-side checks as plugins, so checks can name
// them and their results are classified like any other.
func Plugins() []storage.BuiltinPlugin {
	return []storage.BuiltinPlugin{
		{ID: HTTP, Name: "HTTP(S)", Classifier: classifier,
			Description: "Requests a URL from the core: status, latency, body match, TLS certificate days left."},
		{ID: TCP, Name: "TCP connect", Classifier: classifier,
			Description: "Opens a TCP connection from the core and measures how long it takes."},
		{ID: DNS, Name: "DNS resolve", Classifier: classifier,
			Description: "Resolves a name from the core, optionally against one server and expected addresses."},
	}
}

// Install creates the server-side plugins and their default classifiers
// where missing; call it at start-up. Edited classifiers are kept.
func Install(ctx context.Context, db storage.DBTX) error {
	for _, p := range Plugins() {
		if err := storage.EnsureBuiltinPlugin(ctx, db, p); err != nil {
			return fmt.Errorf("serverside: install: %w", err)
		}
	}
	return nil
}
