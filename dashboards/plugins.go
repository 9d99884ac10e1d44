package dashboards

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// Upload bounds: the compressed archive, and what it may expand to.
const (
	maxPluginUpload   = 32 << 20
	maxPluginUnpacked = 128 << 20
)

func (w *Web) pluginList(c *gin.Context) {
	w.renderPlugins(c, http.StatusOK, view.NewForm())
}

func (w *Web) renderPlugins(c *gin.Context, status int, form view.Form) {
	q := c.Query("q")
	plugins, err := storage.ListPlugins(c.Request.Context(), w.cfg.DB, q)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, status, "plugins", view.Page{Title: "Plugins", Nav: "plugins", Form: form,
		Data: map[string]any{"Query": q, "Plugins": plugins}})
}

// pluginUpload validates an uploaded .tar.gz with the agent's own bundle
// reader (manifest, entry point, classifier, size caps) and stores it as a
// new version, made active. Problems are listed next to the file field.
func (w *Web) pluginUpload(c *gin.Context) {
	ctx := c.Request.Context()
	form := view.NewForm()
	data, err := uploadedFile(c, "archive")
	if err != nil {
		form.Errors["archive"] = err.Error()
		w.renderPlugins(c, http.StatusUnprocessableEntity, form)
		return
	}
	b, err := bundle.Open(data, maxPluginUnpacked)
	if err != nil {
		form.Errors["archive"] = "This is not a valid plugin archive: " + strings.ReplaceAll(err.Error(), "\n", "; ")
		w.renderPlugins(c, http.StatusUnprocessableEntity, form)
		return
	}
	m := b.Manifest
	manifestJSON, err := json.Marshal(m)
	if err != nil {
		w.fail(c, err)
		return
	}
	v := storage.NewPluginVersion{ID: m.ID, Name: m.Name, Description: m.Description, Version: m.Version,
		Archive: b.Archive, SHA256: b.SHA256, Manifest: manifestJSON, Classifier: b.Classifier, History: m.History,
		UploadedBy: &account(c).ID}
	err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.SavePluginVersion(ctx, tx, v); err != nil {
			return err
		}
		e := auditEntry(c, "upload", "plugin", 0)
		e.EntityID, e.After = m.ID, map[string]any{"name": m.Name, "version": m.Version, "sha256": b.SHA256}
		return storage.Audit(ctx, tx, e)
	})
	if errors.Is(err, storage.ErrDuplicate) {
		form.Errors["archive"] = fmt.Sprintf("Version %s of %s is already uploaded; raise the version in manifest.json.", m.Version, m.ID)
		w.renderPlugins(c, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/plugins/"+url.PathEscape(m.ID), fmt.Sprintf("Uploaded %s %s; it is the active version.", m.ID, m.Version))
}

// uploadedFile reads a multipart file field, refusing oversized bodies.
func uploadedFile(c *gin.Context, field string) ([]byte, error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxPluginUpload)
	fh, err := c.FormFile(field)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, fmt.Errorf("The archive is larger than %d MiB.", maxPluginUpload>>20)
		}
		return nil, errors.New("Choose a plugin archive (.tar.gz) to upload.")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("The upload could not be read: %v", err)
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxPluginUpload))
}
