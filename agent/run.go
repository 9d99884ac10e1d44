package agent

import (
	"errors"
	"net/http"
	"path/filepath"
	"time"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/runner"
	"github.com/prophasis/prophasis/agent/store"
)

func (s *Server) runPlugin(w http.ResponseWriter, r *http.Request) {
	var req api.RunRequest
	if !decodeBody(w, r, maxRunBody, &req) {
		return
	}
	p, release, err := s.store.Acquire(r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, api.CodeNotFound, "plugin not installed")
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, api.CodeInternal, err.Error())
		return
	}
	defer release()
	argv, env, err := p.Manifest.Invocation(req.Args)
	if err != nil {
		writeError(w, http.StatusBadRequest, api.CodeBadRequest, err.Error())
		return
	}
	select {
	case s.runs <- struct{}{}:
		defer func() { <-s.runs }()
	case <-r.Context().Done():
		writeError(w, http.StatusServiceUnavailable, api.CodeBusy, "gave up waiting for a free run slot")
		return
	}
	spec := runner.Spec{
		Path:      filepath.Join(p.Dir, filepath.FromSlash(p.Manifest.Entry)),
		Dir:       p.Dir,
		Args:      argv,
		Env:       env,
		Timeout:   s.timeout(p, req.TimeoutMS),
		MaxOutput: s.cfg.MaxOutputBytes,
	}
	if !s.gate.enter() {
		writeError(w, http.StatusServiceUnavailable, api.CodeBusy, "agent is shutting down")
		return
	}
	out, err := runner.Run(r.Context(), spec)
	s.gate.leave()
	res := interpret(p.Manifest, out, err, spec.Timeout)
	res.PluginVersion, res.PluginSHA256 = p.Manifest.Version, p.SHA256
	if res.Status != api.StatusOK {
		s.logger.Info("plugin run failed", "plugin", p.Manifest.ID, "status", res.Status, "message", res.Message)
	}
	writeJSON(w, http.StatusOK, res)
}

// timeout picks the request's timeout, else the manifest's, else the
// agent default, never above the configured maximum.
func (s *Server) timeout(p store.Plugin, requestMS int64) time.Duration {
	d := time.Duration(s.cfg.DefaultTimeout)
	if p.Manifest.TimeoutSeconds > 0 {
		d = time.Duration(p.Manifest.TimeoutSeconds * float64(time.Second))
	}
	maxD := time.Duration(s.cfg.MaxTimeout)
	if requestMS > 0 {
		d = maxD
		if requestMS < int64(maxD/time.Millisecond) {
			d = time.Duration(requestMS) * time.Millisecond
		}
	}
	return min(d, maxD)
}
