package api

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/internal/secretbox"
	"github.com/prophasis/prophasis/internal/storage"
)

// notifierBody is a notifier as the API answers it: its plain settings
// and the names of its secret settings that are set, never their values
// (they are sealed with the server secret and write-only).
type notifierBody struct {
	ID         int64           `json:"id"`
	Name       string          `json:"name"`
	Kind       string          `json:"kind"`
	Enabled    bool            `json:"enabled"`
	Settings   json.RawMessage `json:"settings"`
	SecretsSet []string        `json:"secrets_set"`
	// SecretsUnreadable is true when sealed secrets exist that this
	// server's secret cannot open (they must be sent again).
	SecretsUnreadable bool `json:"secrets_unreadable"`
}

// notifierBox is the box notifier secrets are sealed in, the same one the
// web page and the alert engine use.
func (a *API) notifierBox() (*secretbox.Box, error) {
	return secretbox.New(a.deps.Secret, channels.SecretPurpose)
}

// openSecrets unseals a notifier's stored secrets (none when sealed is empty).
func openSecrets(box *secretbox.Box, sealed []byte) (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	if len(sealed) == 0 {
		return out, nil
	}
	plain, err := box.Open(sealed)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(plain, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// newNotifierBody describes n, naming the secret fields set in sealed.
func newNotifierBody(box *secretbox.Box, n storage.NotifierSummary, sealed []byte) notifierBody {
	out := notifierBody{ID: n.ID, Name: n.Name, Kind: n.Kind, Enabled: n.Enabled, Settings: n.Settings, SecretsSet: []string{}}
	if len(out.Settings) == 0 {
		out.Settings = json.RawMessage("{}")
	}
	secrets, err := openSecrets(box, sealed)
	out.SecretsUnreadable = err != nil
	for name := range secrets {
		out.SecretsSet = append(out.SecretsSet, name)
	}
	slices.Sort(out.SecretsSet)
	return out
}

func (a *API) notifierList(c *gin.Context) {
	p, ok := pageOf(c)
	if !ok {
		return
	}
	box, err := a.notifierBox()
	if err != nil {
		a.fail(c, err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	all, err := storage.ListNotifiers(ctx, a.deps.DB)
	if err != nil {
		a.fail(c, err)
		return
	}
	pg := paginate(all, p)
	out := list[notifierBody]{Items: make([]notifierBody, 0, len(pg.Items)), Total: pg.Total, NextOffset: pg.NextOffset}
	for _, s := range pg.Items {
		n, sealed, err := storage.GetNotifier(ctx, a.deps.DB, s.ID)
		if err != nil {
			a.fail(c, err)
			return
		}
		out.Items = append(out.Items, newNotifierBody(box, n, sealed))
	}
	c.JSON(http.StatusOK, out)
}

func (a *API) notifierGet(c *gin.Context) {
	if id, ok := pathID(c); ok {
		a.notifierAnswer(c, id, http.StatusOK)
	}
}

func (a *API) notifierAnswer(c *gin.Context, id int64, status int) {
	box, err := a.notifierBox()
	if err != nil {
		a.fail(c, err)
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	n, sealed, err := storage.GetNotifier(ctx, a.deps.DB, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(status, newNotifierBody(box, n, sealed))
}
