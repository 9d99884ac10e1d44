package dashboards

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// render writes a full page. The layout's parts (account, flash messages)
// are filled in here so handlers only set what their page shows.
func (w *Web) render(c *gin.Context, status int, page string, p view.Page) {
	p.Account = account(c)
	if msg := w.sessions.PopString(c.Request.Context(), "flash"); msg != "" {
		p.Flashes = append(p.Flashes, view.Flash{Kind: "success", Message: msg})
	}
	if p.Account != nil && p.Account.Admin {
		n, err := storage.CountUnreadSystemLog(c.Request.Context(), w.cfg.DB, unreadCap)
		if err != nil {
			w.log.Warn("count unread system log", "err", err)
		}
		p.UnreadLogs = n
	}
	if p.Form.Values == nil {
		p.Form = view.NewForm()
	}
	w.write(c, status, func(b *bytes.Buffer) error { return w.pages.Render(b, page, p) })
}

// fragment writes one block of a page, for htmx requests.
func (w *Web) fragment(c *gin.Context, status int, page, block string, data any) {
	w.write(c, status, func(b *bytes.Buffer) error { return w.pages.RenderBlock(b, page, block, data) })
}

func (w *Web) write(c *gin.Context, status int, render func(*bytes.Buffer) error) {
	var b bytes.Buffer
	if err := render(&b); err != nil {
		w.log.Error("render page", "path", c.Request.URL.Path, "err", err)
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.Data(status, "text/html; charset=utf-8", b.Bytes())
}

// errorPage shows a message with the normal layout and navigation.
func (w *Web) errorPage(c *gin.Context, status int, title, message string) {
	w.render(c, status, "error", view.Page{Title: title, Data: message})
}

// fail logs an unexpected error and shows a generic page: internal details
// (SQL, driver messages) are for the log, not the browser.
func (w *Web) fail(c *gin.Context, err error) {
	w.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	w.errorPage(c, http.StatusInternalServerError, "Something went wrong", "The error was logged; please try again.")
}

// flashRedirect shows msg on the next page, then redirects there (POST/redirect/GET).
func (w *Web) flashRedirect(c *gin.Context, to, msg string) {
	w.sessions.Put(c.Request.Context(), "flash", msg)
	c.Redirect(http.StatusSeeOther, to)
}
