package dashboards

import "github.com/gin-gonic/gin"

// mountReports registers the health and report pages; every signed-in
// user (viewers too) may read them. The health overview itself is "/".
func (w *Web) mountReports(r gin.IRouter) {
	r.GET("/health/services", w.reportServices)
	r.GET("/health/groups", w.reportGroups)
	r.GET("/report/hosts/:id", w.reportHost)
	r.GET("/report/hosts/:id/csv", w.reportCSV)
	r.GET("/report/services/:id", w.reportService)
	r.GET("/report/availability", w.reportAvailability)
	r.GET("/report/compare", w.reportCompare)
}
