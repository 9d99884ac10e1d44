package dashboards

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

const (
	sessionUserID = "user_id"
	accountKey    = "account" // gin context key of the signed-in *view.Account
)

// loadAccount resolves the session's user on every request, so disabling a
// user or changing their role takes effect immediately.
func (w *Web) loadAccount(c *gin.Context) {
	ctx := c.Request.Context()
	id := w.sessions.GetInt64(ctx, sessionUserID)
	if id == 0 {
		return
	}
	u, err := storage.UserByID(ctx, w.cfg.DB, id)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && u.Disabled) {
		_ = w.sessions.Destroy(ctx)
		return
	}
	if err != nil {
		w.fail(c, err)
		c.Abort()
		return
	}
	c.Set(accountKey, &view.Account{ID: u.ID, Username: u.Username, Admin: u.Role == storage.RoleAdmin})
}

// account returns the signed-in user, or nil.
func account(c *gin.Context) *view.Account {
	a, _ := c.Get(accountKey)
	acct, _ := a.(*view.Account)
	return acct
}

// requireUser sends visitors who are not signed in to the sign-in page,
// remembering where they were going.
func (w *Web) requireUser(c *gin.Context) {
	if account(c) != nil {
		return
	}
	next := ""
	if c.Request.Method == http.MethodGet {
		next = "?next=" + url.QueryEscape(c.Request.URL.RequestURI())
	}
	c.Redirect(http.StatusSeeOther, "/login"+next)
	c.Abort()
}

// requireAdmin refuses configuration pages to viewers.
func (w *Web) requireAdmin(c *gin.Context) {
	if a := account(c); a != nil && !a.Admin {
		w.errorPage(c, http.StatusForbidden, "Forbidden", "Only administrators can change the configuration.")
		c.Abort()
	}
}

// localPath accepts only a same-site path as a redirect target, so a
// crafted ?next= cannot send a user to another site after signing in.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return "/"
	}
	return p
}
