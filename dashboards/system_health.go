package dashboards

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/agent/client"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/doctor"
	"github.com/prophasis/prophasis/sched/agentrun"
)

// Bounds of one health run: the whole page, and each check within it.
const (
	doctorTimeout      = 20 * time.Second
	doctorCheckTimeout = 10 * time.Second
)

// runDoctor makes the same checks as `prophasis doctor`, agents included:
// the web app holds the server secret, so it can open their keys.
func (w *Web) runDoctor(ctx context.Context) []doctor.Finding {
	ctx, cancel := context.WithTimeout(ctx, doctorTimeout)
	defer cancel()
	cl := client.New(client.Options{CallTimeout: doctorCheckTimeout, Logger: w.log})
	defer cl.Close()
	d := &doctor.Doctor{DB: w.cfg.DB, Hosts: agentrun.DBHosts{DB: w.cfg.DB, Keys: w.keys},
		Client: cl, Timeout: doctorCheckTimeout}
	return d.Run(ctx)
}

// systemHealth shows the findings; it never writes, recording is a POST.
func (w *Web) systemHealth(c *gin.Context) {
	findings := w.runDoctor(c.Request.Context())
	w.render(c, http.StatusOK, "system_health", view.Page{Title: "System health", Nav: "health", Data: map[string]any{
		"Findings": findings, "Worst": doctor.Worst(findings)}})
}

// systemHealthRecord runs the checks afresh and appends the findings to
// the system log, as the CLI does after printing them.
func (w *Web) systemHealthRecord(c *gin.Context) {
	findings := w.runDoctor(c.Request.Context())
	if err := doctor.Log(c.Request.Context(), w.cfg.DB, findings); err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/system-health", "Findings recorded in the system log.")
}
