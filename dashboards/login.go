package dashboards

import (
	"errors"
	"fmt"
	"math"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) loginForm(c *gin.Context) {
	if account(c) != nil {
		c.Redirect(http.StatusSeeOther, "/")
		return
	}
	w.render(c, http.StatusOK, "login", view.Page{Title: "Sign in", Form: loginForm(c.Query("next"), "")})
}

func loginForm(next, username string) view.Form {
	f := view.NewForm()
	f.Values["next"] = localPath(next)
	f.Values["username"] = username
	return f
}

// login checks a password. Every attempt, right or wrong, first passes the
// rate limiter (per client IP and per username) so guessing is slowed;
// unknown users cost a hash too, so timing does not reveal which names exist.
func (w *Web) login(c *gin.Context) {
	ctx := c.Request.Context()
	username, password := c.PostForm("username"), c.PostForm("password")
	form := loginForm(c.PostForm("next"), username)
	if ok, retry := w.cfg.Limiter.Allow(w.cfg.Now(), c.ClientIP(), username); !ok {
		secs := int(math.Ceil(retry.Seconds()))
		c.Header("Retry-After", fmt.Sprint(secs))
		form.Errors["_"] = fmt.Sprintf("Too many sign-in attempts. Try again in %d seconds.", secs)
		w.render(c, http.StatusTooManyRequests, "login", view.Page{Title: "Sign in", Form: form})
		return
	}
	u, err := storage.UserByUsername(ctx, w.cfg.DB, username)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		w.fail(c, err)
		return
	}
	hash := u.PasswordHash
	if u.Disabled {
		hash = ""
	}
	ok, err := w.cfg.Hasher.Verify(ctx, password, hash)
	if err != nil {
		w.fail(c, err)
		return
	}
	if !ok {
		w.log.Info("sign-in failed", "username", username, "ip", c.ClientIP())
		form.Errors["_"] = "Wrong username or password."
		w.render(c, http.StatusUnauthorized, "login", view.Page{Title: "Sign in", Form: form})
		return
	}
	if err := w.signIn(c, u.ID); err != nil {
		w.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, form.Values["next"])
}

// signIn starts a fresh session for the user: a new token on every sign-in
// defeats session fixation.
func (w *Web) signIn(c *gin.Context, userID int64) error {
	ctx := c.Request.Context()
	if err := w.sessions.RenewToken(ctx); err != nil {
		return fmt.Errorf("dashboards: renew session: %w", err)
	}
	w.sessions.Put(ctx, sessionUserID, userID)
	return nil
}

func (w *Web) logout(c *gin.Context) {
	if err := w.sessions.Destroy(c.Request.Context()); err != nil {
		w.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/login")
}
