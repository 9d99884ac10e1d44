package dashboards

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// maintenanceData is the page: current and upcoming windows, and the add
// form's host and group checkboxes.
type maintenanceData struct {
	Windows []windowView
	windowSubjects
}

// windowView is a window as the list shows it.
type windowView struct {
	ID           int64
	Name, When   string
	Active       bool
	SubjectCount int
}

func (w *Web) maintenanceList(c *gin.Context) {
	w.renderMaintenance(c, http.StatusOK, view.NewForm())
}

func (w *Web) renderMaintenance(c *gin.Context, status int, form view.Form) {
	ctx := c.Request.Context()
	now := w.cfg.Now()
	windows, err := storage.MaintenanceWindows(ctx, w.cfg.DB, now)
	if err != nil {
		w.fail(c, err)
		return
	}
	var d maintenanceData
	for _, win := range windows {
		d.Windows = append(d.Windows, windowView{ID: win.ID, Name: win.Name, When: windowWhen(win), Active: win.Active(now), SubjectCount: len(win.Subjects)})
	}
	if d.windowSubjects, err = w.loadSubjects(ctx); err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, status, "maintenance", view.Page{Title: "Maintenance windows", Nav: "alerts", Form: form, Data: d})
}

// maintenanceCreate adds a one-off window (UTC start and end) muting
// alerts for the chosen hosts, host groups and services.
func (w *Web) maintenanceCreate(c *gin.Context) {
	form := view.NewForm()
	in := parseWindow(c, form, "once", map[string]bool{})
	var err error
	if form.Valid() {
		err = w.saveWindow(c, 0, in, form)
	}
	w.windowSaved(c, err, form, func() { w.renderMaintenance(c, http.StatusUnprocessableEntity, form) },
		"Maintenance window "+in.Name+" added.")
}

func (w *Web) maintenanceDelete(c *gin.Context) {
	ctx := c.Request.Context()
	id, ok := pathID(c)
	if !ok {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such window.")
		return
	}
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.DeleteMaintenanceWindow(ctx, tx, id); err != nil {
			return err
		}
		return storage.Audit(ctx, tx, auditEntry(c, "delete", "maintenance_window", id))
	})
	if err != nil && !errorsIsNotFound(err) {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/maintenance", "Maintenance window #"+strconv.FormatInt(id, 10)+" ended.")
}
