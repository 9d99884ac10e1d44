package dashboards

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// notifierKinds are the channels the alert engine can build.
var notifierKinds = []string{"email", "webhook", "slack", "teams", "ntfy", "script"}

func (w *Web) notifierList(c *gin.Context) {
	list, err := storage.ListNotifiers(c.Request.Context(), w.cfg.DB)
	if err != nil {
		w.fail(c, err)
		return
	}
	form := view.NewForm()
	form.Values["settings"], form.Values["kind"], form.Values["enabled"] = "{}", "webhook", "on"
	w.render(c, http.StatusOK, "notifiers", view.Page{Title: "Notifiers", Nav: "alerts", Form: form,
		Data: map[string]any{"Notifiers": list, "Kinds": notifierKinds}})
}

// notifierFields parses the form. Settings are one JSON object; the kind's
// secret fields (passwords, webhook URLs, tokens) are split out and sealed
// with the server secret, and never shown again.
func (w *Web) notifierFields(c *gin.Context, f view.Form) (storage.NotifierInput, error) {
	in := storage.NotifierInput{Name: text(c, f, "name", true, 200), Kind: c.PostForm("kind"), Enabled: c.PostForm("enabled") == "on"}
	f.Values["kind"], f.Values["settings"] = in.Kind, c.PostForm("settings")
	if in.Enabled {
		f.Values["enabled"] = "on"
	}
	if !slices.Contains(notifierKinds, in.Kind) {
		f.Errors["kind"] = "Choose a kind."
		return in, nil
	}
	var all map[string]any
	if err := json.Unmarshal([]byte(c.PostForm("settings")), &all); err != nil || all == nil || len(c.PostForm("settings")) > 64<<10 {
		f.Errors["settings"] = `Settings must be one JSON object, e.g. {"url": "https://..."}.`
		return in, nil
	}
	settings, sealed, err := channels.Split(w.notifierBox, in.Kind, all)
	if err != nil {
		return in, err
	}
	in.Settings, in.Secrets = settings, sealed
	return in, nil
}

func (w *Web) notifierCreate(c *gin.Context) {
	ctx := c.Request.Context()
	form := view.NewForm()
	in, err := w.notifierFields(c, form)
	if err == nil && !form.Valid() {
		err = errInvalid
	}
	if err == nil {
		err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
			id, err := storage.CreateNotifier(ctx, tx, in)
			if err != nil {
				return err
			}
			e := auditEntry(c, "create", "notifier", id)
			e.After = map[string]any{"name": in.Name, "kind": in.Kind, "settings": json.RawMessage(in.Settings), "has_secrets": in.Secrets != nil}
			return storage.Audit(ctx, tx, e)
		})
	}
	if errors.Is(err, errInvalid) || errors.Is(err, storage.ErrDuplicate) {
		if errors.Is(err, storage.ErrDuplicate) {
			form.Errors["name"] = "This name is already in use."
		}
		list, lerr := storage.ListNotifiers(ctx, w.cfg.DB)
		if lerr != nil {
			w.fail(c, lerr)
			return
		}
		w.render(c, http.StatusUnprocessableEntity, "notifiers", view.Page{Title: "Notifiers", Nav: "alerts", Form: form,
			Data: map[string]any{"Notifiers": list, "Kinds": notifierKinds}})
		return
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/notifiers", "Notifier "+in.Name+" added.")
}

func (w *Web) notifierDeleteForm(c *gin.Context) {
	if id, ok := pathID(c); ok {
		w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete notifier", Nav: "alerts",
			Data: deletion{Name: fmt.Sprintf("notifier #%d (rules stop sending to it)", id), Action: fmt.Sprintf("/notifiers/%d/delete", id), Back: "/notifiers"}})
	}
}

func (w *Web) notifierDelete(c *gin.Context) {
	ctx := c.Request.Context()
	id, ok := pathID(c)
	if !ok {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such notifier.")
		return
	}
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.DeleteNotifier(ctx, tx, id); err != nil {
			return err
		}
		return storage.Audit(ctx, tx, auditEntry(c, "delete", "notifier", id))
	})
	if err != nil && !errorsIsNotFound(err) {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/notifiers", fmt.Sprintf("Notifier #%d deleted.", id))
}
