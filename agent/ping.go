package agent

import (
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/prophasis/prophasis/agent/api"
	"github.com/prophasis/prophasis/internal/buildinfo"
)

func (s *Server) ping(w http.ResponseWriter, _ *http.Request) {
	host, _ := os.Hostname()
	writeJSON(w, http.StatusOK, api.Ping{
		Protocol:      api.Version,
		AgentVersion:  buildinfo.Version(),
		OS:            runtime.GOOS,
		Arch:          runtime.GOARCH,
		Hostname:      host,
		UptimeSeconds: time.Since(s.started).Seconds(),
	})
}
