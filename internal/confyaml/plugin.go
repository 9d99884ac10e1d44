package confyaml

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/internal/storage"
)

// Plugin names an uploaded plugin and the version agents should run.
// Archive is a .tar.gz path, relative to the file's directory, needed only
// when that version is not stored yet. Apply never deletes plugins (that
// would drop their classifiers): remove them in the web app.
type Plugin struct {
	ID      string `yaml:"id"`
	Version string `yaml:"version"`
	Archive string `yaml:"archive,omitempty"`
}

// maxArchive bounds a plugin archive unpacked, as the web app's upload does.
const maxArchive = 128 << 20

// loadPlugins reads the uploaded plugins (the core's built-in ones have no
// version and are not configuration) and which versions are stored.
func loadPlugins(ctx context.Context, db storage.DBTX, c *current) error {
	list, err := storage.ListPlugins(ctx, db, "")
	if err != nil {
		return fmt.Errorf("confyaml: export: %w", err)
	}
	for _, p := range list {
		c.installed[p.ID] = true
		if p.ActiveVersion == "" {
			continue
		}
		_, versions, err := storage.PluginByID(ctx, db, p.ID)
		if err != nil {
			return fmt.Errorf("confyaml: export: %w", err)
		}
		c.versions[p.ID] = map[string]bool{}
		for _, v := range versions {
			c.versions[p.ID][v.Version] = true
		}
		c.file.Plugins = append(c.file.Plugins, Plugin{ID: p.ID, Version: p.ActiveVersion})
	}
	return nil
}

// diffPlugins creates plugins and switches versions; it never deletes.
func diffPlugins(have, want []Plugin) []Change {
	active := map[string]string{}
	for _, p := range have {
		active[p.ID] = p.Version
	}
	var out []Change
	for _, p := range want {
		switch v, ok := active[p.ID]; {
		case !ok:
			out = append(out, Change{"create", "plugin", p.ID + " " + p.Version})
		case v != p.Version:
			out = append(out, Change{"update", "plugin", p.ID + " " + p.Version})
		}
	}
	return out
}

// readArchives opens the archive of every wanted version not stored yet,
// checking that it holds that plugin and version, so a dry run finds the
// same problems as a real run.
func readArchives(c current, f File, dir string) ([]storage.NewPluginVersion, error) {
	var out []storage.NewPluginVersion
	for _, p := range f.Plugins {
		if c.versions[p.ID][p.Version] {
			continue
		}
		if p.Archive == "" {
			return nil, fmt.Errorf("confyaml: plugin %s %s is not stored: give its archive", p.ID, p.Version)
		}
		data, err := os.ReadFile(filepath.Join(dir, p.Archive))
		if err != nil {
			return nil, fmt.Errorf("confyaml: plugin %s: %w", p.ID, err)
		}
		b, err := bundle.Open(data, maxArchive)
		if err != nil {
			return nil, fmt.Errorf("confyaml: plugin %s: %s: %w", p.ID, p.Archive, err)
		}
		m := b.Manifest
		if m.ID != p.ID || m.Version != p.Version {
			return nil, fmt.Errorf("confyaml: plugin %s %s: %s holds %s %s", p.ID, p.Version, p.Archive, m.ID, m.Version)
		}
		manifest, err := json.Marshal(m)
		if err != nil {
			return nil, fmt.Errorf("confyaml: plugin %s manifest: %w", p.ID, err)
		}
		out = append(out, storage.NewPluginVersion{ID: m.ID, Name: m.Name, Description: m.Description, Version: m.Version,
			Archive: b.Archive, SHA256: b.SHA256, Manifest: manifest, Classifier: b.Classifier, History: m.History})
	}
	return out, nil
}

// savePlugins stores the new versions and activates the wanted ones.
func savePlugins(ctx context.Context, db storage.DBTX, uploads []storage.NewPluginVersion, want []Plugin) error {
	for _, v := range uploads {
		if err := storage.SavePluginVersion(ctx, db, v); err != nil {
			return fmt.Errorf("confyaml: %w", err)
		}
	}
	for _, p := range want {
		if err := storage.SetActivePluginVersion(ctx, db, p.ID, p.Version); err != nil {
			return fmt.Errorf("confyaml: activate plugin %s %s: %w", p.ID, p.Version, err)
		}
	}
	return nil
}

// WriteArchives writes the active archive of every plugin in f into dir
// as ID-VERSION.tar.gz and records its path relative to base (the
// directory of the exported file), so the file can be applied to a
// database that lacks the plugins.
func WriteArchives(ctx context.Context, db storage.DBTX, f *File, dir, base string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("confyaml: archives: %w", err)
	}
	for i, p := range f.Plugins {
		_, versions, err := storage.PluginByID(ctx, db, p.ID)
		if err != nil {
			return fmt.Errorf("confyaml: archives: %w", err)
		}
		var archive []byte
		for _, v := range versions {
			if v.Version == p.Version {
				archive, err = storage.CheckPluginArchive(ctx, db, p.ID, v.SHA256)
			}
		}
		if err != nil || archive == nil {
			return fmt.Errorf("confyaml: archive of %s %s: %v", p.ID, p.Version, err)
		}
		path := filepath.Join(dir, p.ID+"-"+p.Version+".tar.gz")
		if err := os.WriteFile(path, archive, 0o644); err != nil {
			return fmt.Errorf("confyaml: archives: %w", err)
		}
		if f.Plugins[i].Archive, err = filepath.Rel(base, path); err != nil {
			return fmt.Errorf("confyaml: archives: %w", err)
		}
	}
	return nil
}
