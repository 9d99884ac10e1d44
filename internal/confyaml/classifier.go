package confyaml

import (
	"context"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/internal/storage"
)

// Classifier is a Lua classifier: a plugin's default (Check empty) or a
// check's override of it, keyed by plugin id and check name. A default is
// in the file only when it differs from the one its plugin's active
// archive installs (for a built-in plugin, which has no archive: once it
// was edited), so an unedited plugin keeps following its archive.
type Classifier struct {
	Plugin       string `yaml:"plugin"`
	Check        string `yaml:"check,omitempty"`
	HistoryDepth int    `yaml:"history_depth,omitempty"` // 0: 1, the latest result only
	Code         Lua    `yaml:"code"`
}

// Lua is classifier source code; it is written as a YAML literal block so
// that it stays readable and diffs line by line.
type Lua string

// MarshalYAML writes the code as a literal block, or double-quoted when
// its first line is indented with a tab, which the YAML parser would
// mistake for block indentation.
func (l Lua) MarshalYAML() (any, error) {
	style := yaml.LiteralStyle
	if strings.HasPrefix(strings.TrimLeft(string(l), " \n"), "\t") {
		style = yaml.DoubleQuotedStyle
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: style, Value: string(l)}, nil
}

// key names a classifier in changes and errors.
func (c Classifier) key() string {
	if c.Check == "" {
		return c.Plugin
	}
	return c.Plugin + " check " + c.Check
}

// depth is the stored history depth.
func (c Classifier) depth() int { return max(c.HistoryDepth, 1) }

func sameClassifier(a, b Classifier) bool { return a.Code == b.Code && a.depth() == b.depth() }

// fileClassifier is a stored classifier as the file writes it.
func fileClassifier(plugin, check, code string, depth int) Classifier {
	c := Classifier{Plugin: plugin, Check: check, HistoryDepth: depth, Code: Lua(code)}
	if depth <= 1 {
		c.HistoryDepth = 0
	}
	return c
}

// loadClassifiers reads every classifier: the stored defaults (all kept in
// c.defaults, written to the file by the rule above) and every override.
func loadClassifiers(ctx context.Context, db storage.DBTX, c *current, checkNames map[int64]string) error {
	rows, err := storage.ListClassifiers(ctx, db)
	if err != nil {
		return fmt.Errorf("confyaml: export: %w", err)
	}
	for _, p := range c.file.Plugins {
		if c.archived[p.ID], err = archiveClassifier(ctx, db, p.ID, p.Version); err != nil {
			return err
		}
	}
	for _, r := range rows {
		if r.CheckID != 0 {
			c.overrides[r.PluginID+"\x00"+checkNames[r.CheckID]] = r.CheckID
			c.file.Classifiers = append(c.file.Classifiers, fileClassifier(r.PluginID, checkNames[r.CheckID], r.Code, r.Depth))
			continue
		}
		stored := fileClassifier(r.PluginID, "", r.Code, r.Depth)
		c.defaults[r.PluginID] = stored
		archived, ok := c.archived[r.PluginID]
		if (ok && !sameClassifier(archived, stored)) || (!ok && r.Version > 1) {
			c.file.Classifiers = append(c.file.Classifiers, stored)
		}
	}
	return nil
}

// archiveClassifier is the default classifier stored version of plugin id
// installs: the archive's code with its manifest's history depth.
func archiveClassifier(ctx context.Context, db storage.DBTX, id, version string) (Classifier, error) {
	_, versions, err := storage.PluginByID(ctx, db, id)
	if err != nil {
		return Classifier{}, fmt.Errorf("confyaml: classifier of %s: %w", id, err)
	}
	for _, v := range versions {
		if v.Version != version {
			continue
		}
		archive, err := storage.CheckPluginArchive(ctx, db, id, v.SHA256)
		if err != nil {
			return Classifier{}, fmt.Errorf("confyaml: classifier of %s %s: %w", id, version, err)
		}
		b, err := bundle.Open(archive, maxArchive)
		if err != nil {
			return Classifier{}, fmt.Errorf("confyaml: classifier of %s %s: %w", id, version, err)
		}
		return fileClassifier(id, "", b.Classifier, b.Manifest.History), nil
	}
	return Classifier{}, fmt.Errorf("confyaml: classifier of %s: version %s is not stored", id, version)
}
