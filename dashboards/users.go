package dashboards

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) userList(c *gin.Context) {
	q := c.Query("q")
	users, err := storage.ListUsers(c.Request.Context(), w.cfg.DB, q)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "users", view.Page{Title: "Users", Nav: "users",
		Data: map[string]any{"Query": q, "Users": users}})
}

func (w *Web) userNew(c *gin.Context) {
	form := view.NewForm()
	form.Values["role"] = storage.RoleViewer
	w.render(c, http.StatusOK, "user_new", view.Page{Title: "Add a user", Nav: "users", Form: form})
}

func (w *Web) userCreate(c *gin.Context) {
	ctx := c.Request.Context()
	form := view.NewForm()
	username := w.validateNewPassword(c, form)
	role := roleField(c, form)
	page := view.Page{Title: "Add a user", Nav: "users", Form: form}
	if !form.Valid() {
		w.render(c, http.StatusUnprocessableEntity, "user_new", page)
		return
	}
	hash, err := w.cfg.Hasher.Hash(ctx, c.PostForm("password"))
	if err != nil {
		w.fail(c, err)
		return
	}
	err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		id, err := storage.CreateUser(ctx, tx, storage.User{Username: username, Role: role, PasswordHash: hash})
		if err != nil {
			return err
		}
		e := auditEntry(c, "create", "user", id)
		e.After = map[string]any{"username": username, "role": role}
		return storage.Audit(ctx, tx, e)
	})
	if errors.Is(err, storage.ErrDuplicate) {
		form.Errors["username"] = "This username is taken."
		w.render(c, http.StatusUnprocessableEntity, "user_new", page)
		return
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/users", "User "+username+" added.")
}

// roleField reads the role select, refusing anything but the two roles.
func roleField(c *gin.Context, f view.Form) string {
	role := c.PostForm("role")
	f.Values["role"] = role
	if role != storage.RoleAdmin && role != storage.RoleViewer {
		f.Errors["role"] = "Choose admin or viewer."
	}
	return role
}

// keepsAnAdmin refuses a change that would leave no enabled admin, which
// would lock everyone out of the configuration.
func keepsAnAdmin(ctx context.Context, tx pgx.Tx, before storage.User, role string, disabled bool) error {
	if before.Role != storage.RoleAdmin || before.Disabled || (role == storage.RoleAdmin && !disabled) {
		return nil
	}
	n, err := storage.CountActiveAdmins(ctx, tx)
	if err == nil && n <= 1 {
		return errLastAdmin
	}
	return err
}

var errLastAdmin = errors.New("dashboards: the last enabled administrator cannot be demoted or disabled")
