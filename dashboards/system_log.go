package dashboards

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// unreadCap bounds the unread count shown in the menu ("99+").
const unreadCap = 100

// systemLogFilter is the page's query string, echoed back into the form.
type systemLogFilter struct {
	Category, Severity string
	Unread             bool
}

func (w *Web) systemLog(c *gin.Context) {
	ctx := c.Request.Context()
	f := systemLogFilter{Category: c.Query("category"), Severity: c.Query("severity"), Unread: c.Query("unread") == "on"}
	entries, err := storage.ListSystemLog(ctx, w.cfg.DB, f.Category, f.Severity, f.Unread, 500)
	if err != nil {
		w.fail(c, err)
		return
	}
	cats, err := storage.SystemLogCategories(ctx, w.cfg.DB)
	if err != nil {
		w.fail(c, err)
		return
	}
	var newest int64
	for _, e := range entries {
		newest = max(newest, e.ID)
	}
	w.render(c, http.StatusOK, "system_log", view.Page{Title: "System log", Nav: "log", Data: map[string]any{
		"Filter": f, "Entries": entries, "Categories": cats, "Newest": newest,
		"Severities": []string{storage.LogError, storage.LogWarning, storage.LogInfo, storage.LogDebug}}})
}

// systemLogRead marks everything up to the newest entry the admin saw as
// read; entries that arrived meanwhile stay unread.
func (w *Web) systemLogRead(c *gin.Context) {
	upTo, err := strconv.ParseInt(c.PostForm("up_to"), 10, 64)
	if err != nil || upTo < 0 {
		w.errorPage(c, http.StatusBadRequest, "Bad request", "Missing which entries to mark.")
		return
	}
	if _, err := storage.MarkSystemLogRead(c.Request.Context(), w.cfg.DB, upTo); err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/system-log", "Marked as read.")
}
