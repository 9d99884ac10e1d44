package dashboards

import (
	"errors"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// saveWindow creates the window (id 0) or replaces window id, with an
// audit entry in the same transaction. A time zone the database does not
// know is a field error on the form, not a failure.
func (w *Web) saveWindow(c *gin.Context, id int64, in storage.WindowInput, form view.Form) error {
	ctx := c.Request.Context()
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		action := "update"
		if id == 0 {
			action = "create"
			var err error
			if id, err = storage.CreateMaintenanceWindow(ctx, tx, in); err != nil {
				return err
			}
		} else if err := storage.UpdateMaintenanceWindow(ctx, tx, id, in); err != nil {
			return err
		}
		e := auditEntry(c, action, "maintenance_window", id)
		e.After = windowAudit(in)
		return storage.Audit(ctx, tx, e)
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "maintenance_windows_time_zone" {
		form.Errors["time_zone"] = "The database does not know this time zone."
		return nil
	}
	return err
}

// windowAudit is what the audit log records of a saved window.
func windowAudit(in storage.WindowInput) map[string]any {
	after := map[string]any{"name": in.Name, "kind": in.Kind, "hosts": in.Hosts, "groups": in.HostGroups, "services": in.Services}
	if in.Kind == "once" {
		after["starts_at"], after["ends_at"] = in.StartsAt, in.EndsAt
	} else {
		after["days"], after["from"], after["to"], after["time_zone"] = in.Days, in.StartTime, in.EndTime, in.TimeZone
	}
	return after
}

// windowSaved finishes a save: the form again when it was refused (422),
// otherwise back to the list with a message.
func (w *Web) windowSaved(c *gin.Context, err error, form view.Form, rerender func(), msg string) {
	switch {
	case err != nil:
		w.fail(c, err)
	case !form.Valid():
		rerender()
	default:
		w.flashRedirect(c, "/maintenance", msg)
	}
}
