package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// auditActions name successful configuration changes in the audit log.
var auditActions = map[string]string{
	http.MethodPost:   "api.create",
	http.MethodPut:    "api.update",
	http.MethodDelete: "api.delete",
}

// audit records every successful configuration change made through the
// API (who, what, which id) after the handler ran. Pushed results and
// heartbeats are data, not configuration, and are not recorded. The entry
// is written after the change, not in its transaction: a failure to write
// it is logged, and the change stands.
func (a *API) audit(c *gin.Context) {
	c.Next()
	path := c.FullPath()
	if c.Writer.Status() >= 300 || path == prefix+"/results" || path == prefix+"/heartbeats/:name" && c.Request.Method == http.MethodPost {
		return
	}
	cl := callerOf(c)
	e := storage.AuditEntry{Actor: cl.Actor, Action: auditActions[c.Request.Method], EntityType: resourceOf(c),
		EntityID: c.Param("id") + c.Param("name")}
	if cl.UserID != 0 {
		e.UserID = &cl.UserID
	}
	if e.Action == "" {
		return
	}
	if rest, ok := strings.CutPrefix(path, prefix+"/"+e.EntityType+"/:id/"); ok {
		e.Action += "." + strings.ReplaceAll(rest, "-", "_") // e.g. api.update.classifier
	}
	if err := storage.Audit(c.Request.Context(), a.deps.DB, e); err != nil {
		a.log.Error("audit api change", "action", e.Action, "entity", e.EntityType, "err", err)
	}
}
