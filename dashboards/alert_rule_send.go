package dashboards

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/dashboards/view"
)

// sendTestTimeout bounds a "send test" click: every notifier of the rule is
// tried once (each with the engine's own send timeout).
const sendTestTimeout = 2 * time.Minute

// ruleSendTest sends a test notification through every notifier of the
// saved rule, the way `prophasis alert test` does, and shows the edit page
// again with the outcome. Every attempt is written to the alert log.
func (w *Web) ruleSendTest(c *gin.Context) {
	id, in, ok := w.loadRule(c)
	if !ok {
		return
	}
	eng, err := channels.NewEngine(channels.EngineConfig{DB: w.cfg.DB, Secret: w.cfg.Secret, Logger: w.log})
	if err != nil {
		w.fail(c, err)
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), sendTestTimeout)
	err = eng.SendTest(ctx, id)
	cancel()
	result := view.Flash{Kind: "success", Message: "Test notification sent to every notifier of " + in.Name + "."}
	switch {
	case errors.Is(err, alert.ErrNoRule):
		w.errorPage(c, http.StatusNotFound, "Not found", "No such alert rule.")
		return
	case err != nil:
		w.log.Info("test notification failed", "rule", id, "err", err)
		result = view.Flash{Kind: "danger", Message: "Test notification failed (see the alert log): " + err.Error()}
	}
	d, err := w.ruleFormData(c.Request.Context(), id, in)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "alert_rule_form", view.Page{Title: "Alert rule " + in.Name, Nav: "alerts",
		Form: view.NewForm(), Flashes: []view.Flash{result}, Data: d})
}
