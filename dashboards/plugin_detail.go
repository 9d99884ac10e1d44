package dashboards

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// pluginData is the plugin page: the plugin and its uploaded versions.
type pluginData struct {
	Plugin   storage.Plugin
	Versions []storage.PluginVersion
}

func (w *Web) loadPlugin(c *gin.Context) (pluginData, bool) {
	p, versions, err := storage.PluginByID(c.Request.Context(), w.cfg.DB, c.Param("id"))
	switch {
	case errors.Is(err, storage.ErrNotFound):
		w.errorPage(c, http.StatusNotFound, "Not found", "No such plugin.")
		return pluginData{}, false
	case err != nil:
		w.fail(c, err)
		return pluginData{}, false
	}
	return pluginData{Plugin: p, Versions: versions}, true
}

func (w *Web) pluginShow(c *gin.Context) {
	if d, ok := w.loadPlugin(c); ok {
		w.render(c, http.StatusOK, "plugin", view.Page{Title: d.Plugin.Name, Nav: "plugins", Data: d})
	}
}

// pluginActivate makes another uploaded version the one pushed to agents.
func (w *Web) pluginActivate(c *gin.Context) {
	ctx := c.Request.Context()
	d, ok := w.loadPlugin(c)
	if !ok {
		return
	}
	version := c.PostForm("version")
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.SetActivePluginVersion(ctx, tx, d.Plugin.ID, version); err != nil {
			return err
		}
		e := auditEntry(c, "activate", "plugin", 0)
		e.EntityID = d.Plugin.ID
		e.Before = map[string]any{"name": d.Plugin.Name, "version": d.Plugin.ActiveVersion}
		e.After = map[string]any{"name": d.Plugin.Name, "version": version}
		return storage.Audit(ctx, tx, e)
	})
	if errors.Is(err, storage.ErrNotFound) {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such version.")
		return
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/plugins/"+url.PathEscape(d.Plugin.ID), "Version "+version+" is now active.")
}

func (w *Web) pluginDeleteForm(c *gin.Context) {
	if d, ok := w.loadPlugin(c); ok {
		w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Delete plugin", Nav: "plugins",
			Data: deletion{Name: d.Plugin.ID + " with all versions, classifiers and its place in checks",
				Action: "/plugins/" + url.PathEscape(d.Plugin.ID) + "/delete", Back: "/plugins/" + url.PathEscape(d.Plugin.ID)}})
	}
}

func (w *Web) pluginDelete(c *gin.Context) {
	ctx := c.Request.Context()
	d, ok := w.loadPlugin(c)
	if !ok {
		return
	}
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.DeletePlugin(ctx, tx, d.Plugin.ID); err != nil {
			return err
		}
		e := auditEntry(c, "delete", "plugin", 0)
		e.EntityID, e.Before = d.Plugin.ID, map[string]any{"name": d.Plugin.Name, "version": d.Plugin.ActiveVersion}
		return storage.Audit(ctx, tx, e)
	})
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/plugins", "Plugin "+d.Plugin.ID+" deleted.")
}
