package dashboards

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// notifierEditData is the edit form: the notifier, and its kind's secret
// fields, which are write-only (blank keeps the stored value).
type notifierEditData struct {
	Notifier storage.NotifierSummary
	Secrets  []string
}

// loadNotifier reads the :id notifier, answering 404 itself when missing.
func (w *Web) loadNotifier(c *gin.Context) (storage.NotifierSummary, []byte, bool) {
	id, ok := pathID(c)
	if !ok {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such notifier.")
		return storage.NotifierSummary{}, nil, false
	}
	n, sealed, err := storage.GetNotifier(c.Request.Context(), w.cfg.DB, id)
	switch {
	case errorsIsNotFound(err):
		w.errorPage(c, http.StatusNotFound, "Not found", "No such notifier.")
	case err != nil:
		w.fail(c, err)
	default:
		return n, sealed, true
	}
	return storage.NotifierSummary{}, nil, false
}

func (w *Web) notifierEdit(c *gin.Context) {
	n, _, ok := w.loadNotifier(c)
	if !ok {
		return
	}
	form := view.NewForm()
	form.Values["name"], form.Values["settings"] = n.Name, string(n.Settings)
	if n.Enabled {
		form.Values["enabled"] = "on"
	}
	w.renderNotifierEdit(c, http.StatusOK, form, n)
}

func (w *Web) renderNotifierEdit(c *gin.Context, status int, form view.Form, n storage.NotifierSummary) {
	fields, _ := channels.SecretFields(n.Kind)
	w.render(c, status, "notifier_edit", view.Page{Title: "Edit notifier " + n.Name, Nav: "alerts", Form: form,
		Data: notifierEditData{Notifier: n, Secrets: fields}})
}

// notifierUpdate saves the name, plain settings and enabled flag; each
// secret field is replaced when typed, removed when its clear box is
// ticked, and otherwise kept from the sealed copy. The kind stays.
func (w *Web) notifierUpdate(c *gin.Context) {
	ctx := c.Request.Context()
	n, sealed, ok := w.loadNotifier(c)
	if !ok {
		return
	}
	form := view.NewForm()
	in := storage.NotifierInput{Name: text(c, form, "name", true, 200), Kind: n.Kind, Enabled: c.PostForm("enabled") == "on"}
	form.Values["settings"] = c.PostForm("settings")
	if in.Enabled {
		form.Values["enabled"] = "on"
	}
	var all map[string]any
	if err := json.Unmarshal([]byte(c.PostForm("settings")), &all); err != nil || all == nil || len(c.PostForm("settings")) > 64<<10 {
		form.Errors["settings"] = `Settings must be one JSON object, e.g. {"timeout_seconds": 10}.`
	}
	if form.Valid() {
		w.mergeSecrets(c, form, n.Kind, sealed, all)
	}
	var err error
	if form.Valid() {
		if in.Settings, in.Secrets, err = channels.Split(w.notifierBox, n.Kind, all); err == nil && in.Secrets == nil && n.HasSecrets {
			in.Secrets = w.notifierBox.Seal([]byte("{}")) // every secret cleared; nil would keep the old ones
		}
	}
	if err == nil && form.Valid() {
		err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
			if err := storage.UpdateNotifier(ctx, tx, n.ID, in); err != nil {
				return err
			}
			e := auditEntry(c, "update", "notifier", n.ID)
			e.Before = map[string]any{"name": n.Name, "settings": json.RawMessage(n.Settings), "enabled": n.Enabled}
			e.After = map[string]any{"name": in.Name, "settings": json.RawMessage(in.Settings), "enabled": in.Enabled, "secrets_changed": in.Secrets != nil}
			return storage.Audit(ctx, tx, e)
		})
		if errors.Is(err, storage.ErrDuplicate) {
			form.Errors["name"], err = "This name is already in use.", nil
		}
	}
	switch {
	case err != nil:
		w.fail(c, err)
	case !form.Valid():
		w.renderNotifierEdit(c, http.StatusUnprocessableEntity, form, n)
	default:
		w.flashRedirect(c, "/notifiers", fmt.Sprintf("Notifier %s saved.", in.Name))
	}
}
