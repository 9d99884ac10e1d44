package dashboards

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// auditEntry starts an audit record for the signed-in user; callers write
// it with storage.Audit in the transaction of the change.
func auditEntry(c *gin.Context, action, entityType string, entityID int64) storage.AuditEntry {
	e := storage.AuditEntry{Action: action, EntityType: entityType, EntityID: strconv.FormatInt(entityID, 10)}
	if a := account(c); a != nil {
		e.UserID, e.Actor = &a.ID, a.Username
	}
	return e
}

func (w *Web) auditList(c *gin.Context) {
	q := c.Query("q")
	entries, err := storage.ListAudit(c.Request.Context(), w.cfg.DB, q, 500)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "audit", view.Page{Title: "Audit log", Nav: "audit",
		Data: map[string]any{"Query": q, "Entries": entries}})
}
