package store

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/manifest"
)

// Install verifies data against sha256, extracts it into a new version
// directory, checks that its manifest is valid and names id, then makes it
// the current version. Installing the current digest again is a no-op.
func (s *Store) Install(id, sha256 string, data []byte) (api.Plugin, error) {
	if !manifest.ValidID(id) {
		return api.Plugin{}, fmt.Errorf("store: invalid plugin id %q", id)
	}
	if got := bundle.Digest(data); got != sha256 {
		return api.Plugin{}, fmt.Errorf("store: %s: expected %s, got %s: %w", id, sha256, got, ErrSHA256Mismatch)
	}
	s.installMu.Lock()
	defer s.installMu.Unlock()
	if cur := s.current(id); cur != nil && cur.SHA256 == sha256 {
		return api.Plugin{ID: id, Version: cur.Manifest.Version, SHA256: sha256}, nil
	}
	if err := os.MkdirAll(s.pluginDir(id), 0o755); err != nil {
		return api.Plugin{}, fmt.Errorf("store: %w", err)
	}
	name, err := versionName(sha256)
	if err != nil {
		return api.Plugin{}, err
	}
	dir := filepath.Join(s.pluginDir(id), name)
	m, err := s.extract(id, data, dir)
	if err != nil {
		s.removeDir(dir)
		return api.Plugin{}, err
	}
	if err := writePointer(s.pluginDir(id), name, sha256); err != nil {
		s.removeDir(dir)
		return api.Plugin{}, err
	}
	s.publish(id, &version{Plugin: Plugin{Manifest: m, Dir: dir, SHA256: sha256}})
	s.logger.Info("plugin installed", "plugin", id, "version", m.Version, "sha256", sha256)
	return api.Plugin{ID: id, Version: m.Version, SHA256: sha256}, nil
}

func (s *Store) extract(id string, data []byte, dir string) (*manifest.Manifest, error) {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := archive.Extract(bytes.NewReader(data), dir, s.lim); err != nil {
		return nil, fmt.Errorf("store: %s: %w", id, err)
	}
	m, err := readManifest(dir)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", id, err)
	}
	if m.ID != id {
		return nil, fmt.Errorf("store: archive holds plugin %q, not %q", m.ID, id)
	}
	return m, nil
}

// publish swaps the in-memory entry; the old version goes when unused.
func (s *Store) publish(id string, v *version) {
	s.mu.Lock()
	old := s.plugins[id]
	s.plugins[id] = v
	remove := false
	if old != nil {
		old.retired = true
		remove = old.refs == 0
	}
	s.mu.Unlock()
	if remove {
		s.removeDir(old.Dir)
	}
}

func (s *Store) current(id string) *version {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.plugins[id]
}

// versionName is unique per install, so reinstalling a digest that an old
// run still uses never collides with that run's directory.
func versionName(sha256 string) (string, error) {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	return "v-" + sha256[:16] + "-" + hex.EncodeToString(b), nil
}

// writePointer replaces the pointer file ("<version dir> <sha256>")
// atomically with a rename.
func writePointer(pluginDir, name, sha256 string) error {
	tmp := filepath.Join(pluginDir, pointerFile+".tmp")
	if err := os.WriteFile(tmp, []byte(name+" "+sha256+"\n"), 0o644); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(pluginDir, pointerFile)); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}
