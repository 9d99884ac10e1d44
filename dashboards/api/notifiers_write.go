package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/internal/storage"
)

// maxSecretLen bounds one secret value (a long webhook URL fits easily).
const maxSecretLen = 4096

// notifierInput is a notifier as clients send it. Settings holds every
// setting, secret ones included; on replace a secret field left out keeps
// its stored value and an explicit null clears it. Enabled defaults to true.
type notifierInput struct {
	Name     string                     `json:"name"`
	Kind     string                     `json:"kind"`
	Enabled  *bool                      `json:"enabled"`
	Settings map[string]json.RawMessage `json:"settings"`
}

func (in notifierInput) validate(secrets []string) error {
	var k checker
	k.text("name", in.Name, true, 200)
	_, known := channels.SecretFields(in.Kind)
	k.rule("kind", !known, "must be email, webhook, slack, teams, ntfy or script")
	k.rule("settings", in.Settings == nil, "must be a JSON object")
	for _, name := range secrets {
		var s string
		v, ok := in.Settings[name]
		if !ok || string(v) == "null" {
			continue
		}
		bad := json.Unmarshal(v, &s) != nil || len(s) > maxSecretLen || strings.ContainsAny(s, "\x00\r\n")
		k.rule("settings."+name, bad, "must be a single-line string of at most 4096 bytes (or null to clear)")
	}
	return k.err
}

// notifierSave creates (id 0) or replaces notifier id. Secret settings are
// sealed with the server secret; on replace the kind cannot change.
func (a *API) notifierSave(c *gin.Context, id int64, status int) {
	var in notifierInput
	if !decode(c, &in) {
		return
	}
	fields, _ := channels.SecretFields(in.Kind)
	if err := in.validate(fields); err != nil {
		a.fail(c, err)
		return
	}
	box, err := a.notifierBox()
	if err != nil {
		a.fail(c, err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	var old storage.NotifierSummary
	var stored map[string]json.RawMessage
	var openErr error
	if id != 0 {
		var sealed []byte
		if old, sealed, err = storage.GetNotifier(ctx, a.deps.DB, id); err != nil {
			a.fail(c, err)
			return
		}
		if in.Kind != old.Kind {
			a.fail(c, invalid("kind", "cannot change; create a new notifier"))
			return
		}
		stored, openErr = openSecrets(box, sealed)
	}
	all, err := mergeSettings(fields, in.Settings, stored, openErr, id != 0)
	if err != nil {
		a.fail(c, err)
		return
	}
	n := storage.NotifierInput{Name: in.Name, Kind: in.Kind, Enabled: in.Enabled == nil || *in.Enabled}
	if n.Settings, n.Secrets, err = channels.Split(box, in.Kind, all); err != nil {
		a.fail(c, invalid("settings", err.Error()))
		return
	}
	if id == 0 {
		id, err = storage.CreateNotifier(ctx, a.deps.DB, n)
	} else {
		if n.Secrets == nil && old.HasSecrets {
			n.Secrets = box.Seal([]byte("{}")) // every secret cleared; nil would keep the old ones
		}
		err = storage.UpdateNotifier(ctx, a.deps.DB, id, n)
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	a.notifierAnswer(c, id, status)
}

// mergeSettings is the settings to split and seal: sent, less secret
// fields sent as null, plus (on replace) each stored secret not sent at
// all. storedErr is why the stored secrets could not be opened.
func mergeSettings(fields []string, sent, stored map[string]json.RawMessage, storedErr error, replace bool) (map[string]any, error) {
	all := map[string]any{}
	for k, v := range sent {
		if string(v) != "null" || !slices.Contains(fields, k) {
			all[k] = v
		}
	}
	for _, name := range fields {
		if _, ok := sent[name]; ok || !replace {
			continue
		}
		if storedErr != nil {
			return nil, invalid("settings."+name, "the stored value cannot be read with this server's secret; send it again")
		}
		if v, ok := stored[name]; ok {
			all[name] = v
		}
	}
	return all, nil
}

func (a *API) notifierCreate(c *gin.Context) { a.notifierSave(c, 0, http.StatusCreated) }

func (a *API) notifierReplace(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.notifierSave(c, id, http.StatusOK)
	}
}
