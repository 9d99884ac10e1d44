package mock

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/agent/bundle"
	"github.com/prophasis/prophasis/agent/identity"
	"github.com/prophasis/prophasis/agent/manifest"
)

// maxArchive bounds uploads to the mock like a real agent's default.
const maxArchive = 64 << 20

// Handler is the mock's route table; the same paths as a real agent.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/ping", s.ping)
	mux.HandleFunc("GET /v1/plugins", s.list)
	mux.HandleFunc("PUT /v1/plugins/{id}", s.install)
	mux.HandleFunc("POST /v1/plugins/{id}/run", s.run)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d, err := s.data.load()
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, api.Error{Code: api.CodeInternal, Message: err.Error()})
			return
		}
		if d.Key != "" && !authorized(r, d.Key) {
			writeJSON(w, http.StatusUnauthorized, api.Error{Code: api.CodeUnauthorized, Message: "missing or wrong access key"})
			return
		}
		mux.ServeHTTP(w, r)
	})
}

func authorized(r *http.Request, key string) bool {
	presented, ok := "", false
	if user, pass, basic := r.BasicAuth(); basic {
		presented, ok = pass, user == "core"
	} else {
		presented, ok = strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	}
	return ok && identity.KeyMatches(presented, identity.HashKey(key))
}

func localAddr(r *http.Request) string {
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		return a.String()
	}
	return ""
}

func (s *Server) ping(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, api.Ping{Protocol: api.Version, AgentVersion: "mock", OS: runtime.GOOS, Arch: runtime.GOARCH, Hostname: localAddr(r)})
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	out := api.Plugins{Plugins: []api.Plugin{}}
	for _, p := range s.installed[localAddr(r)] {
		out.Plugins = append(out.Plugins, p)
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// install checks the digest and manifest like a real agent but keeps only
// what the list call reports.
func (s *Server) install(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxArchive))
	if err != nil || !manifest.ValidID(id) {
		writeJSON(w, http.StatusBadRequest, api.Error{Code: api.CodeBadRequest, Message: "bad plugin id or archive too large"})
		return
	}
	if bundle.Digest(data) != r.Header.Get(api.SHA256Header) {
		writeJSON(w, http.StatusBadRequest, api.Error{Code: api.CodeSHA256Mismatch, Message: "archive sha256 does not match"})
		return
	}
	b, err := bundle.Open(data, maxArchive)
	if err != nil || b.Manifest.ID != id {
		writeJSON(w, http.StatusUnprocessableEntity, api.Error{Code: api.CodeInvalidPlugin, Message: "invalid plugin archive"})
		return
	}
	p := api.Plugin{ID: id, Version: b.Manifest.Version, SHA256: b.SHA256}
	local := localAddr(r)
	s.mu.Lock()
	if s.installed[local] == nil {
		s.installed[local] = map[string]api.Plugin{}
	}
	s.installed[local][id] = p
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
