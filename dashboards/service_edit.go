package dashboards

import (
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// loadService finds the service of the :id parameter, answering 404 itself.
func (w *Web) loadService(c *gin.Context) (serviceView, bool) {
	id, ok := pathID(c)
	all, err := w.loadServices(c.Request.Context())
	if err != nil {
		w.fail(c, err)
		return serviceView{}, false
	}
	i := slices.IndexFunc(all, func(s serviceView) bool { return s.ID == id })
	if !ok || i < 0 {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such service.")
		return serviceView{}, false
	}
	return all[i], true
}

func (w *Web) serviceNew(c *gin.Context) {
	d, err := w.serviceForm(c.Request.Context(), 0, storage.ServiceInput{}, view.NewForm())
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "service_form", view.Page{Title: "Add a service", Nav: "services", Data: d})
}

func (w *Web) serviceEdit(c *gin.Context) {
	s, ok := w.loadService(c)
	if !ok {
		return
	}
	in := storage.ServiceInput{Name: s.Name, Description: s.Description, Hosts: s.Hosts, Groups: s.Groups, Redundancy: s.Redundancy}
	d, err := w.serviceForm(c.Request.Context(), s.ID, in, view.NewForm())
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "service_form", view.Page{Title: "Service " + s.Name, Nav: "services", Data: d})
}

func (w *Web) serviceCreate(c *gin.Context) { w.saveService(c, 0) }

func (w *Web) serviceUpdate(c *gin.Context) {
	if s, ok := w.loadService(c); ok {
		w.saveService(c, s.ID)
	}
}

// saveService validates the form and creates (id 0) or replaces a service
// with its whole structure, audited in the same transaction.
func (w *Web) saveService(c *gin.Context, id int64) {
	ctx := c.Request.Context()
	_, _, known, err := w.subjects(ctx)
	if err != nil {
		w.fail(c, err)
		return
	}
	form := view.NewForm()
	in := serviceFields(c, form, known)
	err = errInvalid
	if form.Valid() {
		err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
			action := map[bool]string{true: "create", false: "update"}[id == 0]
			saved, err := storage.SaveService(ctx, tx, id, in)
			if err != nil {
				return err
			}
			e := auditEntry(c, action, "service", saved)
			e.After = map[string]any{"name": in.Name, "description": in.Description, "hosts": in.Hosts,
				"groups": in.Groups, "redundancy": in.Redundancy}
			return storage.Audit(ctx, tx, e)
		})
	}
	if errors.Is(err, storage.ErrDuplicate) || errors.Is(err, errInvalid) {
		if errors.Is(err, storage.ErrDuplicate) {
			form.Errors["name"] = "This name is already in use."
		}
		d, derr := w.serviceForm(ctx, id, in, form)
		if derr != nil {
			w.fail(c, derr)
			return
		}
		w.render(c, http.StatusUnprocessableEntity, "service_form", view.Page{Title: "Service", Nav: "services", Form: form, Data: d})
		return
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/services", "Service "+in.Name+" saved.")
}

func (w *Web) serviceDeleteForm(c *gin.Context) {
	if s, ok := w.loadService(c); ok {
		w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete service", Nav: "services",
			Data: deletion{Name: s.Name, Action: fmt.Sprintf("/services/%d/delete", s.ID), Back: "/services"}})
	}
}

func (w *Web) serviceDelete(c *gin.Context) {
	if s, ok := w.loadService(c); ok {
		w.deleteAudited(c, "service", s.ID, map[string]any{"name": s.Name, "hosts": s.Hosts, "groups": s.Groups, "redundancy": s.Redundancy}, storage.DeleteService, "/services", "Service "+s.Name+" deleted.")
	}
}
