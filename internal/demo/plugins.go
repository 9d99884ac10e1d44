package demo

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/internal/storage"
)

// pluginFiles are the demo plugins' trees: real, valid plugins, so the
// core can push them to the demo's mock agent like any other plugin.
//
//go:embed plugins
var pluginFiles embed.FS

// bundles packs the demo plugins.
func bundles() ([]bundle.Bundle, error) {
	out := make([]bundle.Bundle, 0, len(plugins))
	for _, p := range plugins {
		sub, err := fs.Sub(pluginFiles, "plugins/"+p.id)
		if err != nil {
			return nil, fmt.Errorf("demo: plugin %s: %w", p.id, err)
		}
		b, err := bundle.Build(sub)
		if err != nil {
			return nil, fmt.Errorf("demo: plugin %s: %w", p.id, err)
		}
		out = append(out, b)
	}
	return out, nil
}

// installPlugins stores each demo plugin's archive as its active version
// with its default classifier, unless that archive is stored already. A
// database loaded before the demo had real archives gets them here.
func installPlugins(ctx context.Context, tx pgx.Tx) error {
	bs, err := bundles()
	if err != nil {
		return err
	}
	for _, b := range bs {
		id := b.Manifest.ID
		var stored bool
		err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM plugin_versions WHERE plugin_id = $1 AND sha256 = decode($2, 'hex'))`,
			id, b.SHA256).Scan(&stored)
		if err != nil {
			return fmt.Errorf("demo: plugin %s: %w", id, err)
		}
		if stored {
			continue
		}
		manifest, err := json.Marshal(b.Manifest)
		if err != nil {
			return fmt.Errorf("demo: plugin %s: %w", id, err)
		}
		err = storage.SavePluginVersion(ctx, tx, storage.NewPluginVersion{ID: id, Name: b.Manifest.Name,
			Description: b.Manifest.Description, Version: b.Manifest.Version + "+" + b.SHA256[:12], Archive: b.Archive,
			SHA256: b.SHA256, Manifest: manifest, Classifier: b.Classifier, History: b.Manifest.History})
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	return nil
}
