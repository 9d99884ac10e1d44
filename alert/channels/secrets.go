package channels

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

// merge opens the sealed secrets and lays them over the plain settings.
func (d Deps) merge(row storage.NotifierRow) (map[string]json.RawMessage, error) {
	settings := map[string]json.RawMessage{}
	if len(row.Settings) > 0 {
		if err := json.Unmarshal(row.Settings, &settings); err != nil {
			return nil, fmt.Errorf("channels: settings: %w", err)
		}
	}
	if len(row.Secrets) == 0 {
		return settings, nil
	}
	if d.Box == nil {
		return nil, errors.New("channels: notifier has secrets but no server secret is configured")
	}
	plain, err := d.Box.Open(row.Secrets)
	if err != nil {
		return nil, fmt.Errorf("channels: secrets: %w", err)
	}
	secrets := map[string]json.RawMessage{}
	if err := json.Unmarshal(plain, &secrets); err != nil {
		return nil, errors.New("channels: secrets are not a JSON object")
	}
	for k, v := range secrets {
		settings[k] = v
	}
	return settings, nil
}

// Split separates a notifier's settings into the plain JSON for the
// settings column and the sealed secrets for secrets_encrypted (nil when
// the kind has none set), the way Build expects to find them.
func Split(box *secretbox.Box, kind string, all map[string]any) (settings, sealed []byte, err error) {
	fields, ok := SecretFields(kind)
	if !ok {
		return nil, nil, fmt.Errorf("channels: unknown notifier kind %q", kind)
	}
	public, secret := map[string]any{}, map[string]any{}
	for k, v := range all {
		if slices.Contains(fields, k) {
			secret[k] = v
		} else {
			public[k] = v
		}
	}
	if settings, err = json.Marshal(public); err != nil {
		return nil, nil, fmt.Errorf("channels: settings: %w", err)
	}
	if len(secret) == 0 {
		return settings, nil, nil
	}
	plain, err := json.Marshal(secret)
	if err != nil {
		return nil, nil, fmt.Errorf("channels: secrets: %w", err)
	}
	return settings, box.Seal(plain), nil
}
