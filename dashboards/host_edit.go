package dashboards

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// loadHost fetches the :id host or answers 404 and returns ok == false.
func (w *Web) loadHost(c *gin.Context) (storage.Host, bool) {
	id, ok := pathID(c)
	h, err := storage.HostByID(c.Request.Context(), w.cfg.DB, id)
	switch {
	case !ok || errors.Is(err, storage.ErrNotFound):
		w.errorPage(c, http.StatusNotFound, "Not found", "No such host.")
		return storage.Host{}, false
	case err != nil:
		w.fail(c, err)
		return storage.Host{}, false
	}
	return h, true
}

func (w *Web) hostEdit(c *gin.Context) {
	h, ok := w.loadHost(c)
	if !ok {
		return
	}
	form := view.NewForm()
	for k, v := range map[string]string{"name": h.Name, "address": h.Address, "port": strconv.Itoa(h.Port),
		"description": h.Description, "fingerprint": h.Fingerprint} {
		form.Values[k] = v
	}
	if h.Enabled {
		form.Values["enabled"] = "on"
	}
	w.render(c, http.StatusOK, "host_form", view.Page{Title: "Host " + h.Name, Nav: "hosts", Form: form,
		Data: hostFormData{ID: h.ID, HasKey: len(h.AgentKey) > 0, Prober: w.cfg.Prober != nil}})
}

func (w *Web) hostUpdate(c *gin.Context) {
	ctx := c.Request.Context()
	before, ok := w.loadHost(c)
	if !ok {
		return
	}
	form := view.NewForm()
	h := w.hostFields(c, form, len(before.AgentKey) == 0)
	h.ID = before.ID
	page := view.Page{Title: "Host " + before.Name, Nav: "hosts", Form: form,
		Data: hostFormData{ID: h.ID, HasKey: len(before.AgentKey) > 0, Prober: w.cfg.Prober != nil}}
	err := errInvalid
	if form.Valid() {
		err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
			if err := storage.UpdateHost(ctx, tx, h); err != nil {
				return err
			}
			e := auditEntry(c, "update", "host", h.ID)
			e.Before, e.After = hostSnapshot(before), hostSnapshot(h)
			delete(e.Before, "agent_key_changed")
			return storage.Audit(ctx, tx, e)
		})
	}
	if w.formFailed(c, err, form, page, "host_form") {
		return
	}
	w.flashRedirect(c, "/hosts", "Host "+h.Name+" saved.")
}

func (w *Web) hostDeleteForm(c *gin.Context) {
	if h, ok := w.loadHost(c); ok {
		w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete host", Nav: "hosts",
			Data: deletion{Name: h.Name, Action: fmt.Sprintf("/hosts/%d/delete", h.ID), Back: "/hosts"}})
	}
}

// deletion is what the confirmation page shows before a delete POST.
type deletion struct{ Name, Action, Back string }

func (w *Web) hostDelete(c *gin.Context) {
	if h, ok := w.loadHost(c); ok {
		w.deleteAudited(c, "host", h.ID, hostSnapshot(h), storage.DeleteHost, "/hosts", "Host "+h.Name+" deleted.")
	}
}
