package dashboards

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
)

// maintenanceDeleteForm asks before a window is deleted (or, when active,
// ended early); the form posts to maintenanceDelete.
func (w *Web) maintenanceDeleteForm(c *gin.Context) {
	row, ok := w.loadWindow(c)
	if !ok {
		return
	}
	w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete maintenance window", Nav: "alerts",
		Data: deletion{Name: "maintenance window " + row.Name + " (held-back problems are sent at the next tick)",
			Action: fmt.Sprintf("/maintenance/%d/delete", row.ID), Back: "/maintenance"}})
}
