package dashboards

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) loadSchedule(c *gin.Context) (storage.ScheduleConfig, []storage.IntervalConfig, []int64, bool) {
	id, ok := pathID(c)
	s, ivs, checks, err := storage.ScheduleConfigByID(c.Request.Context(), w.cfg.DB, id)
	switch {
	case !ok || errors.Is(err, storage.ErrNotFound):
		w.errorPage(c, http.StatusNotFound, "Not found", "No such schedule.")
		return s, nil, nil, false
	case err != nil:
		w.fail(c, err)
		return s, nil, nil, false
	}
	return s, ivs, checks, true
}

func (w *Web) scheduleEdit(c *gin.Context) {
	s, ivs, checks, ok := w.loadSchedule(c)
	if !ok {
		return
	}
	rows := make([]intervalRow, 0, len(ivs))
	for _, iv := range ivs {
		rows = append(rows, rowOf(iv))
	}
	d, err := w.scheduleFormData(c.Request.Context(), s.ID, rows, checks)
	if err != nil {
		w.fail(c, err)
		return
	}
	form := view.NewForm()
	form.Values["name"], form.Values["description"] = s.Name, s.Description
	if s.Enabled {
		form.Values["enabled"] = "on"
	}
	w.render(c, http.StatusOK, "schedule_form", view.Page{Title: "Schedule " + s.Name, Nav: "schedules", Form: form, Data: d})
}

func (w *Web) scheduleUpdate(c *gin.Context) {
	if s, _, _, ok := w.loadSchedule(c); ok {
		w.saveSchedule(c, s)
	}
}

func (w *Web) scheduleDeleteForm(c *gin.Context) {
	if s, _, _, ok := w.loadSchedule(c); ok {
		w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete schedule", Nav: "schedules",
			Data: deletion{Name: s.Name, Action: fmt.Sprintf("/schedules/%d/delete", s.ID), Back: "/schedules"}})
	}
}

func (w *Web) scheduleDelete(c *gin.Context) {
	if s, _, checks, ok := w.loadSchedule(c); ok {
		w.deleteAudited(c, "schedule", s.ID, map[string]any{"name": s.Name, "checks": checks}, storage.DeleteScheduleConfig, "/schedules", "Schedule "+s.Name+" deleted.")
	}
}
