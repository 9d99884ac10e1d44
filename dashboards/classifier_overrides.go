package dashboards

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// overrideData is the override list or one check's override form.
type overrideData struct {
	pluginData
	Checks []storage.CheckClassifier
	Check  storage.CheckClassifier
}

func (w *Web) overrideList(c *gin.Context) {
	d, ok := w.loadPlugin(c)
	if !ok {
		return
	}
	list, err := storage.CheckClassifiers(c.Request.Context(), w.cfg.DB, d.Plugin.ID, 0)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "classifier_overrides", view.Page{Title: "Per-check classifiers of " + d.Plugin.Name,
		Nav: "plugins", Data: overrideData{pluginData: d, Checks: list}})
}

// loadOverride reads the plugin and the :check that runs it, answering 404
// itself when either is missing.
func (w *Web) loadOverride(c *gin.Context) (overrideData, bool) {
	d, ok := w.loadPlugin(c)
	if !ok {
		return overrideData{}, false
	}
	id, err := strconv.ParseInt(c.Param("check"), 10, 64)
	var list []storage.CheckClassifier
	if err == nil && id > 0 {
		if list, err = storage.CheckClassifiers(c.Request.Context(), w.cfg.DB, d.Plugin.ID, id); err != nil {
			w.fail(c, err)
			return overrideData{}, false
		}
	}
	if len(list) == 0 {
		w.errorPage(c, http.StatusNotFound, "Not found", "No check runs this plugin under that id.")
		return overrideData{}, false
	}
	return overrideData{pluginData: d, Check: list[0]}, true
}

func (w *Web) overrideEdit(c *gin.Context) {
	d, ok := w.loadOverride(c)
	if !ok {
		return
	}
	code, depth := d.Check.Code, d.Check.Depth
	if !d.Check.Overridden() { // start from the default
		var err error
		if code, depth, err = storage.DefaultClassifier(c.Request.Context(), w.cfg.DB, d.Plugin.ID); err != nil && !errors.Is(err, storage.ErrNotFound) {
			w.fail(c, err)
			return
		}
	}
	form := view.NewForm()
	form.Values["code"], form.Values["depth"] = code, strconv.Itoa(max(depth, 1))
	w.renderOverride(c, http.StatusOK, form, d)
}

func (w *Web) renderOverride(c *gin.Context, status int, form view.Form, d overrideData) {
	w.render(c, status, "classifier_override", view.Page{Title: fmt.Sprintf("Classifier of %s in check %s", d.Plugin.Name, d.Check.CheckName),
		Nav: "plugins", Form: form, Data: d})
}

// overrideSave compiles the Lua first, like the default classifier's
// editor, so a syntax error is shown with its line instead of saved.
func (w *Web) overrideSave(c *gin.Context) {
	ctx := c.Request.Context()
	d, ok := w.loadOverride(c)
	if !ok {
		return
	}
	form := view.NewForm()
	code, depth := classifierFields(c, form)
	if !form.Valid() {
		w.renderOverride(c, http.StatusUnprocessableEntity, form, d)
		return
	}
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.SaveCheckClassifier(ctx, tx, d.Plugin.ID, d.Check.CheckID, code, depth, &account(c).ID); err != nil {
			return err
		}
		e := auditEntry(c, "update", "classifier", 0)
		e.EntityID = d.Plugin.ID
		e.After = map[string]any{"check": d.Check.CheckID, "history_depth": depth, "code": code}
		return storage.Audit(ctx, tx, e)
	})
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, overridesPath(d.Plugin.ID), "Classifier for check "+d.Check.CheckName+" saved.")
}

// overridesPath is the override list of a plugin.
func overridesPath(pluginID string) string {
	return "/plugins/" + url.PathEscape(pluginID) + "/classifier/overrides"
}
