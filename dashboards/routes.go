package dashboards

import (
	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/static"
)

// Mount registers every page of the web app on r: the one route table of
// the browser-facing surface. Serve the result through Wrap.
func (w *Web) Mount(r gin.IRouter) {
	r.GET(static.Prefix+"*file", gin.WrapH(w.assets))

	pages := r.Group("/", w.loadAccount)
	pages.GET("/login", w.loginForm)
	pages.POST("/login", w.login)
	pages.POST("/logout", w.logout)
	pages.GET("/setup", w.setupForm)
	pages.POST("/setup", w.setup)

	signedIn := pages.Group("/", w.requireUser)
	signedIn.GET("/", w.reportHealth)
	w.mountReports(signedIn)
	signedIn.GET("/account/password", w.passwordForm)
	signedIn.POST("/account/password", w.changePassword)
	signedIn.GET("/alert-log", w.alertLog)

	admin := signedIn.Group("/", w.requireAdmin)
	admin.GET("/users", w.userList)
	admin.GET("/users/new", w.userNew)
	admin.POST("/users/new", w.userCreate)
	admin.GET("/users/:id", w.userEdit)
	admin.POST("/users/:id", w.userUpdate)

	admin.GET("/hosts", w.hostList)
	admin.GET("/hosts/new", w.hostNew)
	admin.POST("/hosts/new", w.hostCreate)
	admin.POST("/hosts/probe", w.hostProbe)
	admin.GET("/hosts/:id", w.hostEdit)
	admin.POST("/hosts/:id", w.hostUpdate)
	admin.GET("/hosts/:id/delete", w.hostDeleteForm)
	admin.POST("/hosts/:id/delete", w.hostDelete)

	admin.GET("/host-groups", w.groupList)
	admin.GET("/host-groups/new", w.groupNew)
	admin.POST("/host-groups/new", w.groupCreate)
	admin.GET("/host-groups/:id", w.groupEdit)
	admin.POST("/host-groups/:id", w.groupUpdate)
	admin.GET("/host-groups/:id/delete", w.groupDeleteForm)
	admin.POST("/host-groups/:id/delete", w.groupDelete)

	admin.GET("/plugins", w.pluginList)
	admin.POST("/plugins/upload", w.pluginUpload)
	admin.GET("/plugins/:id", w.pluginShow)
	admin.POST("/plugins/:id/activate", w.pluginActivate)
	admin.GET("/plugins/:id/classifier", w.classifierEdit)
	admin.POST("/plugins/:id/classifier", w.classifierSave)
	admin.POST("/plugins/:id/classifier/try", w.classifierTry)
	admin.GET("/plugins/:id/classifier/overrides", w.overrideList)
	admin.GET("/plugins/:id/classifier/overrides/:check", w.overrideEdit)
	admin.POST("/plugins/:id/classifier/overrides/:check", w.overrideSave)
	admin.GET("/plugins/:id/classifier/overrides/:check/delete", w.overrideDeleteForm)
	admin.POST("/plugins/:id/classifier/overrides/:check/delete", w.overrideDelete)
	admin.GET("/plugins/:id/delete", w.pluginDeleteForm)
	admin.POST("/plugins/:id/delete", w.pluginDelete)

	admin.GET("/checks", w.checkList)
	admin.GET("/checks/new", w.checkNew)
	admin.POST("/checks/new", w.checkCreate)
	admin.GET("/checks/:id", w.checkEdit)
	admin.POST("/checks/:id", w.checkUpdate)
	admin.GET("/checks/:id/delete", w.checkDeleteForm)
	admin.POST("/checks/:id/delete", w.checkDelete)

	admin.GET("/schedules", w.scheduleList)
	admin.GET("/schedules/new", w.scheduleNew)
	admin.POST("/schedules/new", w.scheduleCreate)
	admin.GET("/schedules/:id", w.scheduleEdit)
	admin.POST("/schedules/:id", w.scheduleUpdate)
	admin.GET("/schedules/:id/delete", w.scheduleDeleteForm)
	admin.POST("/schedules/:id/delete", w.scheduleDelete)

	admin.GET("/services", w.serviceList)
	admin.GET("/services/new", w.serviceNew)
	admin.POST("/services/new", w.serviceCreate)
	admin.GET("/services/:id", w.serviceEdit)
	admin.POST("/services/:id", w.serviceUpdate)
	admin.GET("/services/:id/delete", w.serviceDeleteForm)
	admin.POST("/services/:id/delete", w.serviceDelete)

	admin.GET("/alerts", w.ruleList)
	admin.GET("/alerts/new", w.ruleNew)
	admin.POST("/alerts/new", w.ruleCreate)
	admin.GET("/alerts/:id", w.ruleEdit)
	admin.POST("/alerts/:id", w.ruleUpdate)
	admin.POST("/alerts/:id/test", w.ruleSendTest)
	admin.GET("/alerts/:id/delete", w.ruleDeleteForm)
	admin.POST("/alerts/:id/delete", w.ruleDelete)

	admin.GET("/notifiers", w.notifierList)
	admin.POST("/notifiers/new", w.notifierCreate)
	admin.GET("/notifiers/:id", w.notifierEdit)
	admin.POST("/notifiers/:id", w.notifierUpdate)
	admin.GET("/notifiers/:id/delete", w.notifierDeleteForm)
	admin.POST("/notifiers/:id/delete", w.notifierDelete)

	admin.GET("/maintenance", w.maintenanceList)
	admin.POST("/maintenance/new", w.maintenanceCreate)
	admin.GET("/maintenance/recurring/new", w.recurringNew)
	admin.POST("/maintenance/recurring/new", w.recurringCreate)
	admin.GET("/maintenance/:id/edit", w.maintenanceEdit)
	admin.POST("/maintenance/:id/edit", w.maintenanceUpdate)
	admin.GET("/maintenance/:id/delete", w.maintenanceDeleteForm)
	admin.POST("/maintenance/:id/delete", w.maintenanceDelete)
	admin.POST("/alert-log/ack", w.alertAck)

	admin.GET("/tokens", w.tokenList)
	admin.POST("/tokens/new", w.tokenCreate)
	admin.GET("/tokens/:id/revoke", w.tokenRevokeForm)
	admin.POST("/tokens/:id/revoke", w.tokenRevoke)

	admin.GET("/audit", w.auditList)
	admin.GET("/system-log", w.systemLog)
	admin.POST("/system-log/read", w.systemLogRead)
	admin.GET("/system-health", w.systemHealth)
	admin.POST("/system-health/record", w.systemHealthRecord)
}
