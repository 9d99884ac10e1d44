package agent

import (
	"errors"
	"io"
	"net/http"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/archive"
	"github.com/prophasis/prophasis/agent/manifest"
	"github.com/prophasis/prophasis/agent/store"
)

func (s *Server) listPlugins(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, api.Plugins{Plugins: s.store.List()})
}

// installPlugin takes the raw archive as the body and the expected sha256
// in a header or query parameter; the digest is checked before extraction.
func (s *Server) installPlugin(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !manifest.ValidID(id) {
		writeError(w, http.StatusBadRequest, api.CodeBadRequest, "invalid plugin id")
		return
	}
	sha := r.Header.Get(api.SHA256Header)
	if sha == "" {
		sha = r.URL.Query().Get("sha256")
	}
	if len(sha) != 64 {
		writeError(w, http.StatusBadRequest, api.CodeBadRequest, "the archive's sha256 is required ("+api.SHA256Header+" header or sha256 query parameter)")
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxArchiveBytes))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, api.CodeBadRequest, "archive unreadable or larger than max_archive_bytes")
		return
	}
	p, err := s.store.Install(id, sha, data)
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, p)
	case errors.Is(err, store.ErrSHA256Mismatch):
		writeError(w, http.StatusBadRequest, api.CodeSHA256Mismatch, err.Error())
	case errors.Is(err, archive.ErrUnsafe):
		s.logger.Warn("rejected unsafe plugin archive", "plugin", id, "remote", remoteIP(r), "err", err)
		writeError(w, http.StatusUnprocessableEntity, api.CodeInvalidPlugin, err.Error())
	default:
		writeError(w, http.StatusUnprocessableEntity, api.CodeInvalidPlugin, err.Error())
	}
}
