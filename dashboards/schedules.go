package dashboards

import (
	"context"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) scheduleList(c *gin.Context) {
	q := c.Query("q")
	list, err := storage.ListScheduleConfigs(c.Request.Context(), w.cfg.DB, q)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "schedules", view.Page{Title: "Schedules", Nav: "schedules", Data: map[string]any{"Query": q, "Schedules": list}})
}

// scheduleFormData is the add/edit page: the interval rows (plus one blank
// row for a new interval) and every check as a checkbox.
type scheduleFormData struct {
	ID       int64
	Rows     []intervalRow
	Checks   []storage.CheckConfig
	CheckIDs []int64
}

// Has reports whether id is among ids, for ticking checkboxes.
func (scheduleFormData) Has(ids []int64, id int64) bool { return slices.Contains(ids, id) }

func (w *Web) scheduleFormData(ctx context.Context, id int64, rows []intervalRow, checkIDs []int64) (scheduleFormData, error) {
	checks, err := storage.ListCheckConfigs(ctx, w.cfg.DB, "")
	return scheduleFormData{ID: id, Rows: append(rows, intervalRow{Every: "", Unit: "m"}), Checks: checks, CheckIDs: checkIDs}, err
}

func (w *Web) scheduleNew(c *gin.Context) {
	d, err := w.scheduleFormData(c.Request.Context(), 0, nil, nil)
	if err != nil {
		w.fail(c, err)
		return
	}
	form := view.NewForm()
	form.Values["enabled"] = "on"
	w.render(c, http.StatusOK, "schedule_form", view.Page{Title: "Add a schedule", Nav: "schedules", Form: form, Data: d})
}

func (w *Web) scheduleCreate(c *gin.Context) { w.saveSchedule(c, storage.ScheduleConfig{}) }

func (w *Web) saveSchedule(c *gin.Context, before storage.ScheduleConfig) {
	ctx := c.Request.Context()
	form := view.NewForm()
	s := storage.ScheduleConfig{ID: before.ID, Name: text(c, form, "name", true, 200),
		Description: text(c, form, "description", false, 500), Enabled: c.PostForm("enabled") == "on"}
	if s.Enabled {
		form.Values["enabled"] = "on"
	}
	intervals, rows := intervalFields(c, form, w.cfg.Now())
	checkIDs := ids(c, "checks")
	d, err := w.scheduleFormData(ctx, s.ID, rows, checkIDs)
	if err != nil {
		w.fail(c, err)
		return
	}
	title := "Add a schedule"
	if s.ID != 0 {
		title = "Schedule " + before.Name
	}
	page := view.Page{Title: title, Nav: "schedules", Form: form, Data: d}
	err = errInvalid
	if form.Valid() {
		err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
			id, err := storage.SaveScheduleConfig(ctx, tx, s, intervals, checkIDs)
			if err != nil {
				return err
			}
			e := auditEntry(c, map[bool]string{true: "create", false: "update"}[s.ID == 0], "schedule", id)
			e.After = map[string]any{"name": s.Name, "enabled": s.Enabled, "intervals": rows, "checks": checkIDs}
			return storage.Audit(ctx, tx, e)
		})
	}
	if w.formFailed(c, err, form, page, "schedule_form") {
		return
	}
	w.flashRedirect(c, "/schedules", "Schedule "+s.Name+" saved.")
}
