package api

import (
	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// prefix is where the API lives.
const prefix = "/api/v1"

// Mount registers every /api/v1 route on r: the one route table of the
// REST API. Reads need any token; writes need write scope.
func (a *API) Mount(r gin.IRouter) {
	r.GET(prefix+"/openapi.json", a.openapi)

	read := r.Group(prefix, a.authenticate)
	write := read.Group("", a.requireWrite, a.audit)

	read.GET("/hosts", a.hostList)
	read.GET("/hosts/:id", a.hostGet)
	write.POST("/hosts", a.hostCreate)
	write.PUT("/hosts/:id", a.hostReplace)
	write.DELETE("/hosts/:id", a.deleteByID(storage.DeleteHost))

	read.GET("/host-groups", a.groupList)
	read.GET("/host-groups/:id", a.groupGet)
	write.POST("/host-groups", a.groupCreate)
	write.PUT("/host-groups/:id", a.groupReplace)
	write.DELETE("/host-groups/:id", a.deleteByID(storage.DeleteHostGroup))

	read.GET("/checks", a.checkList)
	read.GET("/checks/:id", a.checkGet)
	write.POST("/checks", a.checkCreate)
	write.PUT("/checks/:id", a.checkReplace)
	write.DELETE("/checks/:id", a.deleteByID(storage.DeleteCheckConfig))

	read.GET("/schedules", a.scheduleList)
	read.GET("/schedules/:id", a.scheduleGet)
	write.POST("/schedules", a.scheduleCreate)
	write.PUT("/schedules/:id", a.scheduleReplace)
	write.DELETE("/schedules/:id", a.deleteByID(storage.DeleteScheduleConfig))

	read.GET("/services", a.serviceList)
	read.GET("/services/:id", a.serviceGet)
	write.POST("/services", a.serviceCreate)
	write.PUT("/services/:id", a.serviceReplace)
	write.DELETE("/services/:id", a.deleteByID(storage.DeleteService))

	read.GET("/alert-rules", a.ruleList)
	read.GET("/alert-rules/:id", a.ruleGet)
	write.POST("/alert-rules", a.ruleCreate)
	write.PUT("/alert-rules/:id", a.ruleReplace)
	write.DELETE("/alert-rules/:id", a.deleteByID(storage.DeleteAlertRule))

	read.GET("/notifiers", a.notifierList)
	read.GET("/notifiers/:id", a.notifierGet)
	write.POST("/notifiers", a.notifierCreate)
	write.PUT("/notifiers/:id", a.notifierReplace)
	write.DELETE("/notifiers/:id", a.deleteByID(storage.DeleteNotifier))

	read.GET("/maintenance-windows", a.windowList)
	read.GET("/maintenance-windows/:id", a.windowGet)
	write.POST("/maintenance-windows", a.windowCreate)
	write.PUT("/maintenance-windows/:id", a.windowReplace)
	write.DELETE("/maintenance-windows/:id", a.deleteByID(storage.DeleteMaintenanceWindow))

	read.GET("/acknowledgements", a.ackList)
	write.POST("/acknowledgements", a.ackCreate)

	read.GET("/plugins", a.pluginList)
	read.GET("/plugins/:id", a.pluginGet)
	write.POST("/plugins", a.pluginUpload)
	write.PUT("/plugins/:id/active-version", a.pluginActivate)
	write.DELETE("/plugins/:id", a.pluginDelete)
	read.GET("/plugins/:id/classifier", a.classifierGet)
	write.PUT("/plugins/:id/classifier", a.classifierPut)

	read.GET("/health", a.health)
	read.GET("/hosts/:id/state", a.hostState)
	read.GET("/hosts/:id/state-changes", a.stateChanges)
	read.GET("/results", a.resultList)
	write.POST("/results", a.resultsPush)
	read.GET("/series", a.series)
	read.GET("/alert-log", a.alertLog)

	read.GET("/heartbeats", a.heartbeatList)
	read.GET("/heartbeats/:name", a.heartbeatGet)
	write.POST("/heartbeats", a.heartbeatCreate)
	write.POST("/heartbeats/:name", a.heartbeatBeat)
	write.DELETE("/heartbeats/:name", a.heartbeatDelete)
}
