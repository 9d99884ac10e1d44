package dashboards

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// loadWindow fetches the :id maintenance window with its scope, or
// answers 404.
func (w *Web) loadWindow(c *gin.Context) (storage.MaintenanceWindowRow, bool) {
	id, ok := pathID(c)
	var rows []storage.MaintenanceWindowRow
	if ok {
		var err error
		if rows, err = storage.ListMaintenanceWindowRows(c.Request.Context(), w.cfg.DB, id); err != nil {
			w.fail(c, err)
			return storage.MaintenanceWindowRow{}, false
		}
	}
	if len(rows) == 0 {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such window.")
		return storage.MaintenanceWindowRow{}, false
	}
	return rows[0], true
}

// editForm is the form data for editing window row; its kind is fixed.
func editForm(row storage.MaintenanceWindowRow, checked map[string]bool) windowFormData {
	return windowFormData{Kind: row.Kind, Action: fmt.Sprintf("/maintenance/%d/edit", row.ID), Submit: "Save window", Checked: checked}
}

// maintenanceEdit shows a window filled in, so it can be extended, moved
// or re-scoped without deleting it (which would end it early).
func (w *Web) maintenanceEdit(c *gin.Context) {
	row, ok := w.loadWindow(c)
	if !ok {
		return
	}
	form := view.NewForm()
	form.Values["name"], form.Values["description"] = row.Name, row.Description
	if row.StartsAt != nil && row.EndsAt != nil {
		form.Values["starts_at"], form.Values["ends_at"] = row.StartsAt.UTC().Format(startLayout), row.EndsAt.UTC().Format(startLayout)
	}
	form.Values["from"], form.Values["to"], form.Values["time_zone"] = row.StartTime, row.EndTime, row.TimeZone
	checked := map[string]bool{}
	tick(checked, row.Hosts, row.HostGroups, row.Services)
	for _, d := range row.Days {
		checked["days-"+strconv.Itoa(int(d))] = true
	}
	w.renderWindowForm(c, http.StatusOK, "Maintenance window "+row.Name, editForm(row, checked), form)
}

// maintenanceUpdate saves an edited window, keeping its kind.
func (w *Web) maintenanceUpdate(c *gin.Context) {
	row, ok := w.loadWindow(c)
	if !ok {
		return
	}
	form, checked := view.NewForm(), map[string]bool{}
	in := parseWindow(c, form, row.Kind, checked)
	var err error
	if form.Valid() {
		err = w.saveWindow(c, row.ID, in, form)
	}
	w.windowSaved(c, err, form, func() {
		w.renderWindowForm(c, http.StatusUnprocessableEntity, "Maintenance window "+row.Name, editForm(row, checked), form)
	}, "Maintenance window "+in.Name+" saved.")
}
