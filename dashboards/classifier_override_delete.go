package dashboards

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) overrideDeleteForm(c *gin.Context) {
	d, ok := w.loadOverride(c)
	if !ok {
		return
	}
	if !d.Check.Overridden() {
		w.errorPage(c, http.StatusNotFound, "Not found", "This check uses the plugin's default classifier.")
		return
	}
	w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete classifier override", Nav: "plugins",
		Data: deletion{Name: fmt.Sprintf("the classifier of %s in check %s (the check falls back to the plugin's default)", d.Plugin.Name, d.Check.CheckName),
			Action: overridesPath(d.Plugin.ID) + fmt.Sprintf("/%d/delete", d.Check.CheckID), Back: overridesPath(d.Plugin.ID)}})
}

// overrideDelete removes a check's override, so the check's results are
// classified by the plugin's default again.
func (w *Web) overrideDelete(c *gin.Context) {
	ctx := c.Request.Context()
	d, ok := w.loadOverride(c)
	if !ok {
		return
	}
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.DeleteCheckClassifier(ctx, tx, d.Plugin.ID, d.Check.CheckID); err != nil {
			return err
		}
		e := auditEntry(c, "delete", "classifier", 0)
		e.EntityID, e.Before = d.Plugin.ID, map[string]any{"check": d.Check.CheckID, "history_depth": d.Check.Depth, "code": d.Check.Code}
		return storage.Audit(ctx, tx, e)
	})
	if err != nil && !errorsIsNotFound(err) {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, overridesPath(d.Plugin.ID), "Check "+d.Check.CheckName+" uses the default classifier again.")
}
