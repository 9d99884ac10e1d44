package dashboards

import (
	"encoding/json"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/dashboards/view"
)

// maxSecretLen bounds a typed secret (a long webhook URL fits easily).
const maxSecretLen = 4096

// mergeSecrets lays the kind's secret fields over all, the settings the
// edit form posted: a typed value replaces the stored one, a ticked clear
// box removes it, a value in the settings JSON counts as typed, and
// otherwise the stored value is kept, so a form never shows a secret.
func (w *Web) mergeSecrets(c *gin.Context, f view.Form, kind string, sealed []byte, all map[string]any) {
	fields, _ := channels.SecretFields(kind)
	var stored map[string]json.RawMessage
	var openErr error
	for _, name := range fields {
		key := "secret-" + name
		switch typed := c.PostForm(key); {
		case typed != "":
			if len(typed) > maxSecretLen || strings.ContainsAny(typed, "\x00\r\n") {
				f.Errors[key] = "Must be a single line of at most 4096 characters."
			}
			all[name] = typed
		case c.PostForm("clear-"+name) == "on":
			delete(all, name)
		case all[name] != nil || len(sealed) == 0:
		default:
			if stored == nil && openErr == nil {
				stored, openErr = w.openSecrets(sealed)
			}
			if openErr != nil {
				f.Errors[key] = "The stored value cannot be read with this server's secret; enter it again."
			} else if v, ok := stored[name]; ok {
				all[name] = v
			}
		}
	}
}

// openSecrets unseals a notifier's stored secrets.
func (w *Web) openSecrets(sealed []byte) (map[string]json.RawMessage, error) {
	plain, err := w.notifierBox.Open(sealed)
	if err != nil {
		return nil, err
	}
	out := map[string]json.RawMessage{}
	if err := json.Unmarshal(plain, &out); err != nil {
		return nil, err
	}
	return out, nil
}
