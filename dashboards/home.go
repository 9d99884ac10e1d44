package dashboards

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
)

// home is the start page after signing in. The health reports (issue 8)
// replace its body; until then it points to what the user may open.
func (w *Web) home(c *gin.Context) {
	w.render(c, http.StatusOK, "home", view.Page{Title: "Prophasis", Nav: "health"})
}
