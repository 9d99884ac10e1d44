package confyaml

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/prophasis/prophasis/internal/storage"
)

// wantClassifiers is every classifier f asks for: its own, plus, for each
// plugin under plugins whose default the file leaves out, the default of
// the archive it activates (so removing an edited default from the file
// resets it to the archive's).
func wantClassifiers(ctx context.Context, db storage.DBTX, cur current, f File, uploads []storage.NewPluginVersion) ([]Classifier, error) {
	out := slices.Clone(f.Classifiers)
	listed := map[string]bool{}
	for _, c := range f.Classifiers {
		listed[c.key()] = true
	}
	active := map[string]string{}
	for _, p := range cur.file.Plugins {
		active[p.ID] = p.Version
	}
	for _, p := range f.Plugins {
		if listed[p.ID] {
			continue
		}
		var err error
		c, ok := uploaded(uploads, p)
		switch {
		case ok:
		case active[p.ID] == p.Version:
			c = cur.archived[p.ID]
		default:
			c, err = archiveClassifier(ctx, db, p.ID, p.Version)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Classifier) int { return strings.Compare(a.key(), b.key()) })
	return out, nil
}

// haveClassifiers is what the database holds once the plugin uploads are
// stored: an upload installs its default only where there is none.
func haveClassifiers(cur current, uploads []storage.NewPluginVersion) []Classifier {
	var out []Classifier
	for _, c := range cur.defaults {
		out = append(out, c)
	}
	for _, u := range uploads {
		if _, ok := cur.defaults[u.ID]; !ok {
			out = append(out, fileClassifier(u.ID, "", u.Classifier, u.History))
		}
	}
	for _, c := range cur.file.Classifiers {
		if c.Check != "" {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b Classifier) int { return strings.Compare(a.key(), b.key()) })
	return out
}

func uploaded(uploads []storage.NewPluginVersion, p Plugin) (Classifier, bool) {
	for _, u := range uploads {
		if u.ID == p.ID && u.Version == p.Version {
			return fileClassifier(u.ID, "", u.Classifier, u.History), true
		}
	}
	return Classifier{}, false
}

// diffClassifiers lists classifier changes; defaults are never deleted
// (a plugin always has one), only overrides.
func diffClassifiers(have, want []Classifier) []Change {
	defaults := map[string]bool{}
	for _, c := range have {
		if c.Check == "" {
			defaults[c.key()] = true
		}
	}
	var out []Change
	for _, c := range diffList("classifier", have, want, Classifier.key, sameClassifier) {
		if c.Action != "delete" || !defaults[c.Name] {
			out = append(out, c)
		}
	}
	return out
}

// saveClassifiers writes created and changed classifiers; storage bumps
// their version so the classify engine recompiles them.
func (a applier) saveClassifiers(ctx context.Context, todo map[string]string, checkIDs map[string]int64) error {
	for _, c := range a.classifiers {
		if todo[c.key()] == "" || todo[c.key()] == "delete" {
			continue
		}
		var err error
		if c.Check == "" {
			err = storage.SaveDefaultClassifier(ctx, a.tx, c.Plugin, string(c.Code), c.depth(), nil)
		} else {
			err = storage.SaveCheckClassifier(ctx, a.tx, c.Plugin, checkIDs[c.Check], string(c.Code), c.depth(), nil)
		}
		if err != nil {
			return fmt.Errorf("confyaml: classifier %s: %w", c.key(), err)
		}
	}
	return nil
}

// deleteClassifiers removes the overrides the file no longer lists, before
// their checks can be deleted (which would remove them too).
func (a applier) deleteClassifiers(ctx context.Context, todo map[string]string) error {
	for _, c := range a.cur.file.Classifiers {
		if c.Check == "" || todo[c.key()] != "delete" {
			continue
		}
		if err := storage.DeleteCheckClassifier(ctx, a.tx, c.Plugin, a.cur.overrides[c.Plugin+"\x00"+c.Check]); err != nil {
			return fmt.Errorf("confyaml: delete classifier %s: %w", c.key(), err)
		}
	}
	return nil
}
