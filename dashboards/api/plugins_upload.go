package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/internal/storage"
)

// Plugin archive limits: the compressed upload and what it may unpack to
// (bundle.Open enforces the latter against gzip bombs).
const (
	maxPluginUpload   = 32 << 20
	maxPluginUnpacked = 128 << 20
)

// pluginUpload takes a plugin archive (.tar.gz) as the raw request body,
// validates it with agent/bundle, stores it and makes it the active
// version. A version uploaded twice is 409.
func (a *API) pluginUpload(c *gin.Context) {
	data, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxPluginUpload))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		abort(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("archive over %d bytes", maxPluginUpload), "")
		return
	case err != nil:
		abort(c, http.StatusBadRequest, "invalid_body", "could not read the archive", "")
		return
	}
	b, err := bundle.Open(data, maxPluginUnpacked)
	if err != nil {
		abort(c, http.StatusUnprocessableEntity, "invalid_archive",
			"not a valid plugin archive: "+strings.ReplaceAll(err.Error(), "\n", "; "), "archive")
		return
	}
	m := b.Manifest
	manifest, err := json.Marshal(m)
	if err != nil {
		a.fail(c, err)
		return
	}
	v := storage.NewPluginVersion{ID: m.ID, Name: m.Name, Description: m.Description, Version: m.Version,
		Archive: b.Archive, SHA256: b.SHA256, Manifest: manifest, Classifier: b.Classifier, History: m.History,
		UploadedBy: callerOf(c).userID()}
	ctx, cancel := a.ctx(c)
	defer cancel()
	err = pgx.BeginFunc(ctx, a.deps.DB, func(tx pgx.Tx) error { return storage.SavePluginVersion(ctx, tx, v) })
	if errors.Is(err, storage.ErrDuplicate) {
		abort(c, http.StatusConflict, "duplicate",
			fmt.Sprintf("version %s of %s is already uploaded; raise the version in manifest.json", m.Version, m.ID), "archive")
		return
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	a.pluginAnswer(c, m.ID, http.StatusCreated)
}
