package confyaml

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/prophasis/prophasis/internal/storage"
)

// Notifier is where notifications go. Settings are the non-secret ones
// (recipients, templates...); secret settings (passwords, webhook URLs,
// tokens) are never in the file: Apply keeps a notifier's stored secrets,
// and a notifier it creates has none until they are entered in the web app.
type Notifier struct {
	Name     string         `yaml:"name"`
	Kind     string         `yaml:"kind"`
	Enabled  *bool          `yaml:"enabled,omitempty"` // nil: true
	Settings map[string]any `yaml:"settings,omitempty"`
}

var notifierKinds = map[string]bool{"email": true, "webhook": true, "slack": true, "teams": true, "ntfy": true, "script": true}

// settingsJSON is the settings as stored; also the canonical form two
// notifiers are compared in (YAML integers and JSON floats agree there).
func settingsJSON(n Notifier) ([]byte, error) {
	if len(n.Settings) == 0 {
		return []byte("{}"), nil
	}
	return json.Marshal(n.Settings)
}

func sameNotifier(a, b Notifier) bool {
	ja, errA := settingsJSON(a)
	jb, errB := settingsJSON(b)
	return a.Kind == b.Kind && (a.Enabled == nil || *a.Enabled) == (b.Enabled == nil || *b.Enabled) &&
		errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// loadNotifiers reads every notifier, without secrets.
func loadNotifiers(ctx context.Context, db storage.DBTX, c *current) error {
	list, err := storage.ListNotifiers(ctx, db)
	if err != nil {
		return fmt.Errorf("confyaml: export: %w", err)
	}
	for _, n := range list {
		out := Notifier{Name: n.Name, Kind: n.Kind}
		if err := json.Unmarshal(n.Settings, &out.Settings); err != nil {
			return fmt.Errorf("confyaml: export notifier %q: %w", n.Name, err)
		}
		if len(out.Settings) == 0 {
			out.Settings = nil
		}
		if !n.Enabled {
			out.Enabled = new(false)
		}
		c.notifiers[n.Name] = n.ID
		c.file.Notifiers = append(c.file.Notifiers, out)
	}
	return nil
}

// saveNotifier creates (id 0) or updates a notifier, keeping its secrets,
// and returns its id.
func saveNotifier(ctx context.Context, db storage.DBTX, id int64, n Notifier) (int64, error) {
	settings, err := settingsJSON(n)
	if err != nil {
		return 0, fmt.Errorf("confyaml: notifier %q settings: %w", n.Name, err)
	}
	in := storage.NotifierInput{Name: n.Name, Kind: n.Kind, Settings: settings, Enabled: n.Enabled == nil || *n.Enabled}
	if id == 0 {
		id, err = storage.CreateNotifier(ctx, db, in)
	} else {
		err = storage.UpdateNotifier(ctx, db, id, in)
	}
	if err != nil {
		return 0, fmt.Errorf("confyaml: notifier %q: %w", n.Name, err)
	}
	return id, nil
}
