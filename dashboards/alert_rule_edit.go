package dashboards

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) loadRule(c *gin.Context) (int64, storage.AlertRuleInput, bool) {
	id, ok := pathID(c)
	in, err := storage.AlertRuleForm(c.Request.Context(), w.cfg.DB, id)
	switch {
	case !ok || errors.Is(err, storage.ErrNotFound):
		w.errorPage(c, http.StatusNotFound, "Not found", "No such alert rule.")
		return 0, in, false
	case err != nil:
		w.fail(c, err)
		return 0, in, false
	}
	return id, in, true
}

func (w *Web) ruleEdit(c *gin.Context) {
	id, in, ok := w.loadRule(c)
	if !ok {
		return
	}
	d, err := w.ruleFormData(c.Request.Context(), id, in)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "alert_rule_form", view.Page{Title: "Alert rule " + in.Name, Nav: "alerts", Form: view.NewForm(), Data: d})
}

func (w *Web) ruleUpdate(c *gin.Context) {
	if id, _, ok := w.loadRule(c); ok {
		w.saveRule(c, id)
	}
}

func (w *Web) ruleDeleteForm(c *gin.Context) {
	if id, in, ok := w.loadRule(c); ok {
		w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete alert rule", Nav: "alerts",
			Data: deletion{Name: in.Name, Action: fmt.Sprintf("/alerts/%d/delete", id), Back: "/alerts"}})
	}
}

func (w *Web) ruleDelete(c *gin.Context) {
	if id, in, ok := w.loadRule(c); ok {
		w.deleteAudited(c, "alert_rule", id, map[string]any{"name": in.Name, "scope": in.Scope, "from": in.From, "to": in.To}, storage.DeleteAlertRule, "/alerts", "Alert rule "+in.Name+" deleted.")
	}
}
