package dashboards

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// loadUser fetches the :id user or answers 404 and returns ok == false.
func (w *Web) loadUser(c *gin.Context) (storage.User, bool) {
	id, ok := pathID(c)
	if !ok {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such user.")
		return storage.User{}, false
	}
	u, err := storage.UserByID(c.Request.Context(), w.cfg.DB, id)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		w.errorPage(c, http.StatusNotFound, "Not found", "No such user.")
		return storage.User{}, false
	case err != nil:
		w.fail(c, err)
		return storage.User{}, false
	}
	return u, true
}

func (w *Web) userEdit(c *gin.Context) {
	u, ok := w.loadUser(c)
	if !ok {
		return
	}
	form := view.NewForm()
	form.Values["role"] = u.Role
	if u.Disabled {
		form.Values["disabled"] = "on"
	}
	w.render(c, http.StatusOK, "user_edit", view.Page{Title: "User " + u.Username, Nav: "users", Form: form, Data: u})
}

// userUpdate changes role and enabled state and, when a new password is
// typed, resets it. The last enabled admin cannot be demoted or disabled.
func (w *Web) userUpdate(c *gin.Context) {
	ctx := c.Request.Context()
	u, ok := w.loadUser(c)
	if !ok {
		return
	}
	form := view.NewForm()
	role, disabled := roleField(c, form), c.PostForm("disabled") == "on"
	if disabled {
		form.Values["disabled"] = "on"
	}
	if c.PostForm("password") != "" {
		checkPassword(c, form)
	}
	page := view.Page{Title: "User " + u.Username, Nav: "users", Form: form, Data: u}
	if !form.Valid() {
		w.render(c, http.StatusUnprocessableEntity, "user_edit", page)
		return
	}
	var hash string
	if pw := c.PostForm("password"); pw != "" {
		var err error
		if hash, err = w.cfg.Hasher.Hash(ctx, pw); err != nil {
			w.fail(c, err)
			return
		}
	}
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := keepsAnAdmin(ctx, tx, u, role, disabled); err != nil {
			return err
		}
		if err := storage.UpdateUser(ctx, tx, u.ID, role, disabled); err != nil {
			return err
		}
		if hash != "" {
			if err := storage.SetPassword(ctx, tx, u.ID, hash); err != nil {
				return err
			}
		}
		e := auditEntry(c, "update", "user", u.ID)
		e.Before = map[string]any{"username": u.Username, "role": u.Role, "disabled": u.Disabled}
		e.After = map[string]any{"username": u.Username, "role": role, "disabled": disabled, "password_reset": hash != ""}
		return storage.Audit(ctx, tx, e)
	})
	if errors.Is(err, errLastAdmin) {
		form.Errors["role"] = "This is the last enabled administrator: make another user an administrator first."
		w.render(c, http.StatusUnprocessableEntity, "user_edit", page)
		return
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/users", "User "+u.Username+" saved.")
}
