package dashboards

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// maintenanceDeleteForm asks before a window is deleted (or, when active,
// ended early); the form posts to maintenanceDelete.
func (w *Web) maintenanceDeleteForm(c *gin.Context) {
	id, ok := pathID(c)
	var rows []storage.MaintenanceWindowRow
	if ok {
		var err error
		if rows, err = storage.ListMaintenanceWindowRows(c.Request.Context(), w.cfg.DB, id); err != nil {
			w.fail(c, err)
			return
		}
	}
	if len(rows) == 0 {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such window.")
		return
	}
	w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete maintenance window", Nav: "alerts",
		Data: deletion{Name: "maintenance window " + rows[0].Name + " (held-back problems are sent at the next tick)",
			Action: fmt.Sprintf("/maintenance/%d/delete", id), Back: "/maintenance"}})
}
