package dashboards

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) passwordForm(c *gin.Context) {
	w.render(c, http.StatusOK, "password", view.Page{Title: "Change your password", Nav: "account"})
}

// changePassword lets every user replace their own password after proving
// they know the current one (a stolen unlocked session is not enough).
func (w *Web) changePassword(c *gin.Context) {
	ctx := c.Request.Context()
	acct := account(c)
	form := view.NewForm()
	page := view.Page{Title: "Change your password", Nav: "account", Form: form}
	u, err := storage.UserByID(ctx, w.cfg.DB, acct.ID)
	if err != nil {
		w.fail(c, err)
		return
	}
	ok, err := w.cfg.Hasher.Verify(ctx, c.PostForm("current"), u.PasswordHash)
	if err != nil {
		w.fail(c, err)
		return
	}
	if !ok {
		form.Errors["current"] = "This is not your current password."
	}
	checkPassword(c, form)
	if !form.Valid() {
		w.render(c, http.StatusUnprocessableEntity, "password", page)
		return
	}
	hash, err := w.cfg.Hasher.Hash(ctx, c.PostForm("password"))
	if err == nil {
		err = storage.SetPassword(ctx, w.cfg.DB, u.ID, hash)
	}
	if err == nil {
		err = storage.Audit(ctx, w.cfg.DB, storage.AuditEntry{UserID: &u.ID, Actor: u.Username,
			Action: "password", EntityType: "user", EntityID: strconv.FormatInt(u.ID, 10),
			After: map[string]any{"username": u.Username}})
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/", "Your password was changed.")
}
