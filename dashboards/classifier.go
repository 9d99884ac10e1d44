package dashboards

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// maxClassifierForm bounds the editor's code field (the schema allows 1 MB).
const maxClassifierForm = 256 << 10

func (w *Web) classifierEdit(c *gin.Context) {
	d, ok := w.loadPlugin(c)
	if !ok {
		return
	}
	code, depth, err := storage.DefaultClassifier(c.Request.Context(), w.cfg.DB, d.Plugin.ID)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		w.fail(c, err)
		return
	}
	form := view.NewForm()
	form.Values["code"], form.Values["depth"] = code, strconv.Itoa(max(depth, 1))
	w.render(c, http.StatusOK, "classifier", view.Page{Title: "Classifier of " + d.Plugin.Name, Nav: "plugins", Form: form, Data: d})
}

// classifierSave compiles the Lua before saving, so a syntax error is shown
// with its line next to the editor instead of classifying results unknown.
func (w *Web) classifierSave(c *gin.Context) {
	ctx := c.Request.Context()
	d, ok := w.loadPlugin(c)
	if !ok {
		return
	}
	form := view.NewForm()
	code, depth := classifierFields(c, form)
	if !form.Valid() {
		w.render(c, http.StatusUnprocessableEntity, "classifier", view.Page{Title: "Classifier of " + d.Plugin.Name, Nav: "plugins", Form: form, Data: d})
		return
	}
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.SaveDefaultClassifier(ctx, tx, d.Plugin.ID, code, depth, &account(c).ID); err != nil {
			return err
		}
		e := auditEntry(c, "update", "classifier", 0)
		e.EntityID, e.After = d.Plugin.ID, map[string]any{"name": d.Plugin.ID, "history_depth": depth, "code": code}
		return storage.Audit(ctx, tx, e)
	})
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/plugins/"+url.PathEscape(d.Plugin.ID), "Classifier saved.")
}

// classifierFields reads and checks the code and history depth fields of
// the default classifier and of per-check overrides alike; the code must compile.
func classifierFields(c *gin.Context, form view.Form) (string, int) {
	code := c.PostForm("code")
	form.Values["code"], form.Values["depth"] = code, c.PostForm("depth")
	depth, err := strconv.Atoi(c.PostForm("depth"))
	if err != nil || depth < 1 || depth > 10000 {
		form.Errors["depth"] = "Enter how many latest results the classifier sees: 1 to 10000."
	}
	switch {
	case code == "":
		form.Errors["code"] = "Required."
	case len(code) > maxClassifierForm:
		form.Errors["code"] = "The classifier is too long."
	default:
		if err := classify.Compile(code); err != nil {
			form.Errors["code"] = err.Error()
		}
	}
	return code, depth
}
