package mock

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/prophasis/prophasis/agent/api"
)

func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	var req api.RunRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, api.Error{Code: api.CodeBadRequest, Message: err.Error()})
		return
	}
	d, err := s.data.load()
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, api.Error{Code: api.CodeInternal, Message: err.Error()})
		return
	}
	id, local := r.PathValue("id"), localAddr(r)
	e, ok := d.lookup(local, id)
	if !ok {
		writeJSON(w, http.StatusOK, api.RunResult{Status: api.StatusError, ExitCode: -1, Message: "mock: no entry for " + local + " / " + id})
		return
	}
	res, ok := s.answer(r, e, time.Duration(req.TimeoutMS)*time.Millisecond)
	if !ok {
		// The client went away: abort the stream rather than let net/http
		// send an empty 200 that a late reader would take for an answer.
		panic(http.ErrAbortHandler)
	}
	s.mu.Lock()
	p := s.installed[local][id]
	s.mu.Unlock()
	res.PluginVersion, res.PluginSHA256 = p.Version, p.SHA256
	writeJSON(w, http.StatusOK, res)
}

// answer waits as configured and builds the result; false means the client
// went away first.
func (s *Server) answer(r *http.Request, e Entry, timeout time.Duration) (api.RunResult, bool) {
	delay := time.Duration(e.DelayMS) * time.Millisecond
	status := e.Status
	if status == "" {
		status = api.StatusOK
	}
	if timeout > 0 && delay >= timeout {
		delay, status = timeout, api.StatusTimeout
	}
	if e.Hang {
		<-r.Context().Done()
		return api.RunResult{}, false
	}
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
		return api.RunResult{}, false
	}
	res := api.RunResult{Value: e.Value, Message: e.Message, Status: status, PluginState: e.PluginState,
		ExitCode: e.ExitCode, DurationMS: delay.Milliseconds()}
	if status == api.StatusTimeout {
		res.Value, res.ExitCode, res.Message = nil, -1, "mock: plugin killed after the timeout"
	}
	return res, true
}
