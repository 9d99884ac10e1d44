package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/internal/storage"
)

// pluginOut is a plugin with its uploaded versions (newest first in get,
// omitted in lists).
type pluginOut struct {
	ID            string       `json:"id"`
	Name          string       `json:"name"`
	Description   string       `json:"description"`
	ActiveVersion string       `json:"active_version"`
	Versions      []versionOut `json:"versions,omitempty"`
}

// versionOut is one uploaded archive.
type versionOut struct {
	Version    string    `json:"version"`
	SHA256     string    `json:"sha256"`
	Size       int       `json:"size"`
	UploadedAt time.Time `json:"uploaded_at"`
	UploadedBy string    `json:"uploaded_by"`
}

func newPluginOut(p storage.Plugin) pluginOut {
	return pluginOut{ID: p.ID, Name: p.Name, Description: p.Description, ActiveVersion: p.ActiveVersion}
}

func (a *API) pluginList(c *gin.Context) {
	p, ok := pageOf(c)
	if !ok {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	plugins, err := storage.ListPlugins(ctx, a.deps.DB, c.Query("search"))
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, paginate(mapSlice(plugins, newPluginOut), p))
}

func (a *API) pluginGet(c *gin.Context) { a.pluginAnswer(c, c.Param("id"), http.StatusOK) }

// pluginAnswer answers with plugin id and its versions.
func (a *API) pluginAnswer(c *gin.Context, id string, status int) {
	ctx, cancel := a.ctx(c)
	defer cancel()
	p, versions, err := storage.PluginByID(ctx, a.deps.DB, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	out := newPluginOut(p)
	out.Versions = mapSlice(versions, func(v storage.PluginVersion) versionOut {
		return versionOut{Version: v.Version, SHA256: v.SHA256, Size: v.Size, UploadedAt: v.UploadedAt, UploadedBy: v.UploadedBy}
	})
	c.JSON(status, out)
}

// activateIn is the body of PUT /plugins/{id}/active-version.
type activateIn struct {
	Version string `json:"version"`
}

// pluginActivate chooses the version pushed to agents (downgrades allowed).
func (a *API) pluginActivate(c *gin.Context) {
	var in activateIn
	if !decode(c, &in) {
		return
	}
	ctx, cancel := a.ctx(c)
	defer cancel()
	err := storage.SetActivePluginVersion(ctx, a.deps.DB, c.Param("id"), in.Version)
	if err != nil {
		a.fail(c, invalidIfMissing(err, "version", "no such plugin or version"))
		return
	}
	a.pluginAnswer(c, c.Param("id"), http.StatusOK)
}

func (a *API) pluginDelete(c *gin.Context) {
	ctx, cancel := a.ctx(c)
	defer cancel()
	if err := storage.DeletePlugin(ctx, a.deps.DB, c.Param("id")); err != nil {
		a.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
