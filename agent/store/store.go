// Package store keeps the plugins installed on an agent. Each install is
// extracted into a fresh versioned directory and published by atomically
// replacing a pointer file and the in-memory entry, so a run sees either the
// old plugin or the new one, never half of either. A replaced version is
// deleted when its last run finishes; versions left behind by a crash are
// deleted on the next start.
package store

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/manifest"
)

// ErrNotFound is returned for a plugin that is not installed.
var ErrNotFound = errors.New("plugin not installed")

// ErrSHA256Mismatch is returned when an archive does not hash to the digest
// the core announced: the upload was corrupted or tampered with.
var ErrSHA256Mismatch = errors.New("archive sha256 does not match")

// pointerFile names, inside a plugin's directory, the live version directory.
const pointerFile = "current"

// Plugin is an installed plugin version, valid until its release func runs.
type Plugin struct {
	Manifest *manifest.Manifest
	// Dir is the extracted plugin root.
	Dir    string
	SHA256 string
}

type version struct {
	Plugin
	refs    int
	retired bool
}

// Store is safe for concurrent use.
type Store struct {
	dir    string
	lim    archive.Limits
	logger *slog.Logger

	installMu sync.Mutex // one install at a time; installs are rare
	mu        sync.Mutex
	plugins   map[string]*version
}

// Open loads the plugins installed under dir (created if missing) and
// deletes versions that are no longer current.
func Open(dir string, lim archive.Limits, logger *slog.Logger) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	s := &Store{dir: dir, lim: lim, logger: logger, plugins: map[string]*version{}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() || !manifest.ValidID(e.Name()) {
			continue
		}
		if err := s.load(e.Name()); err != nil {
			logger.Warn("ignoring broken plugin directory", "plugin", e.Name(), "err", err)
		}
	}
	return s, nil
}

// List returns the installed plugins sorted by id.
func (s *Store) List() []api.Plugin {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]api.Plugin, 0, len(s.plugins))
	for _, v := range s.plugins {
		out = append(out, api.Plugin{ID: v.Manifest.ID, Version: v.Manifest.Version, SHA256: v.SHA256})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Acquire pins the current version of a plugin for a run. The caller must
// call release when the run is over; until then an install cannot delete the
// version's files.
func (s *Store) Acquire(id string) (Plugin, func(), error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.plugins[id]
	if !ok {
		return Plugin{}, nil, fmt.Errorf("store: %s: %w", id, ErrNotFound)
	}
	v.refs++
	var once sync.Once
	return v.Plugin, func() { once.Do(func() { s.release(v) }) }, nil
}

func (s *Store) release(v *version) {
	s.mu.Lock()
	v.refs--
	remove := v.retired && v.refs == 0
	s.mu.Unlock()
	if remove {
		s.removeDir(v.Dir)
	}
}

func (s *Store) removeDir(dir string) {
	if err := os.RemoveAll(dir); err != nil {
		s.logger.Warn("could not remove old plugin version", "dir", dir, "err", err)
	}
}

func (s *Store) pluginDir(id string) string { return filepath.Join(s.dir, id) }
