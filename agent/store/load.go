package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/prophasis/prophasis/agent/manifest"
)

// load reads a plugin's pointer file at start-up and deletes every other
// version directory: nothing can be running at that point.
func (s *Store) load(id string) error {
	pdir := s.pluginDir(id)
	raw, err := os.ReadFile(filepath.Join(pdir, pointerFile))
	if errors.Is(err, fs.ErrNotExist) {
		// A first install that never completed: nothing here was ever live.
		s.removeDir(pdir)
		return nil
	}
	if err != nil {
		return err
	}
	name, sha, ok := strings.Cut(strings.TrimSpace(string(raw)), " ")
	if !ok || !filepath.IsLocal(name) || strings.ContainsAny(name, `/\`) {
		return fmt.Errorf("malformed pointer file %q", raw)
	}
	dir := filepath.Join(pdir, name)
	m, err := readManifest(dir)
	if err != nil {
		return err
	}
	if m.ID != id {
		return fmt.Errorf("directory %s holds plugin %q", id, m.ID)
	}
	entries, err := os.ReadDir(pdir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != name && e.Name() != pointerFile {
			s.removeDir(filepath.Join(pdir, e.Name()))
		}
	}
	s.plugins[id] = &version{Plugin: Plugin{Manifest: m, Dir: dir, SHA256: sha}}
	return nil
}

// readManifest reads and validates the manifest of an extracted plugin and
// checks its entry point is a regular file inside the plugin.
func readManifest(dir string) (*manifest.Manifest, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	raw, err := root.ReadFile(manifest.FileName)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", manifest.FileName, err)
	}
	m, err := manifest.Parse(raw)
	if err != nil {
		return nil, err
	}
	st, err := root.Stat(filepath.FromSlash(m.Entry))
	if err != nil || !st.Mode().IsRegular() {
		return nil, &manifest.FieldError{Field: "entry", Reason: fmt.Sprintf("%q is not a file in the plugin", m.Entry)}
	}
	return m, nil
}
