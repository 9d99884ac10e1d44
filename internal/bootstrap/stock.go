package bootstrap

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/internal/storage"
)

// active is what a plugin runs before a stock install: its active version,
// that version's archive and whether a user uploaded it.
type active struct {
	version  string
	archive  []byte
	uploaded bool
}

// installBundle stores b as a new version of its plugin unless an identical
// archive is already stored, and says what it did ("" when nothing). The
// new version becomes active unless a user's upload is active; the default
// classifier follows it only while nobody edited the stored one.
func installBundle(ctx context.Context, tx pgx.Tx, b bundle.Bundle) (string, error) {
	id := b.Manifest.ID
	var stored bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM plugin_versions WHERE plugin_id = $1 AND sha256 = decode($2, 'hex'))`,
		id, b.SHA256).Scan(&stored)
	if err != nil || stored {
		return "", err
	}
	prev, err := loadActive(ctx, tx, id)
	if err != nil {
		return "", err
	}
	version, err := freeVersion(ctx, tx, id, b)
	if err != nil {
		return "", err
	}
	manifest, err := json.Marshal(b.Manifest)
	if err != nil {
		return "", fmt.Errorf("encode manifest: %w", err)
	}
	err = storage.SavePluginVersion(ctx, tx, storage.NewPluginVersion{ID: id, Name: b.Manifest.Name,
		Description: b.Manifest.Description, Version: version, Archive: b.Archive, SHA256: b.SHA256,
		Manifest: manifest, Classifier: b.Classifier, History: b.Manifest.History})
	if err != nil {
		return "", err
	}
	if prev.uploaded {
		return "stored; the version a user uploaded stays active", storage.SetActivePluginVersion(ctx, tx, id, prev.version)
	}
	if prev.version == "" {
		return "new", nil
	}
	return upgradeClassifier(ctx, tx, b, prev)
}

// loadActive reads the plugin's active version; zero when there is none.
func loadActive(ctx context.Context, tx pgx.Tx, id string) (active, error) {
	var a active
	err := tx.QueryRow(ctx, `SELECT v.version, v.archive, v.uploaded_by IS NOT NULL
		FROM plugins p JOIN plugin_versions v ON v.plugin_id = p.id AND v.version = p.active_version
		WHERE p.id = $1`, id).Scan(&a.version, &a.archive, &a.uploaded)
	if errors.Is(err, pgx.ErrNoRows) {
		return active{}, nil
	}
	return a, err
}

// freeVersion is the manifest's version, or, when that version is already
// stored with other content (the files changed without a version bump),
// the same version with the archive digest as semver build metadata.
func freeVersion(ctx context.Context, tx pgx.Tx, id string, b bundle.Bundle) (string, error) {
	version := b.Manifest.Version
	var taken bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM plugin_versions WHERE plugin_id = $1 AND version = $2)`,
		id, version).Scan(&taken)
	if err != nil || !taken {
		return version, err
	}
	sep := "+"
	if strings.Contains(version, "+") {
		sep = "."
	}
	return version + sep + "stock." + b.SHA256[:12], nil
}

// upgradeClassifier replaces the default classifier with b's when it is
// still the one the previous active version shipped, i.e. nobody edited it.
func upgradeClassifier(ctx context.Context, tx pgx.Tx, b bundle.Bundle, prev active) (string, error) {
	id := b.Manifest.ID
	code, _, err := storage.DefaultClassifier(ctx, tx, id)
	if err != nil {
		return "", err
	}
	old, err := bundle.Open(prev.archive, archive.DefaultLimits.MaxBytes)
	if err != nil || old.Classifier != code {
		return "upgraded; the edited default classifier is kept", nil
	}
	if code == b.Classifier {
		return "upgraded", nil
	}
	if err := storage.SaveDefaultClassifier(ctx, tx, id, b.Classifier, max(b.Manifest.History, 1), nil); err != nil {
		return "", err
	}
	return "upgraded with its new default classifier", nil
}
